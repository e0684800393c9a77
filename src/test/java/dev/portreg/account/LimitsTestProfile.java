package dev.portreg.account;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The production limit of registrations per address, which the other tests raise. */
public class LimitsTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("portreg.security.mail.max-per-address", "3");
    }
}
