package dev.portreg.account;

import io.quarkus.runtime.LaunchMode;
import java.util.List;

/**
 * One account per role for trying the app in dev mode, with passwords everyone knows: the login
 * page lists them. Never created outside dev mode ({@link #enabled}).
 */
final class DevAccounts {

    /** A dev account; the password is shown on the dev login page on purpose. */
    record DevAccount(String username, String name, String role, String password) {

        String email() {
            return username + "@example.org";
        }
    }

    static final List<DevAccount> ALL =
            List.of(
                    new DevAccount("rita", "Rita Requester", Roles.REQUESTER, "devpass-requester"),
                    new DevAccount("erin", "Erin Expert", Roles.EXPERT, "devpass-expert"),
                    new DevAccount("ines", "Ines IESG", Roles.IESG, "devpass-iesg"),
                    new DevAccount("ivan", "Ivan IESG", Roles.IESG, "devpass-iesg"),
                    new DevAccount("iris", "Iris IESG", Roles.IESG, "devpass-iesg"),
                    new DevAccount("olga", "Olga Operator", Roles.IANA, "devpass-iana"));

    private DevAccounts() {}

    /** The flag alone is not enough: known passwords exist only in dev mode. */
    static boolean enabled(DevAccountsConfig config) {
        return config.show() && LaunchMode.current() == LaunchMode.DEVELOPMENT;
    }
}
