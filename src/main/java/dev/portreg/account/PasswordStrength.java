package dev.portreg.account;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import me.gosimple.nbvcxz.Nbvcxz;
import me.gosimple.nbvcxz.matching.match.DictionaryMatch;
import me.gosimple.nbvcxz.matching.match.Match;
import me.gosimple.nbvcxz.resources.ConfigurationBuilder;
import me.gosimple.nbvcxz.resources.Dictionary;
import me.gosimple.nbvcxz.resources.DictionaryBuilder;
import me.gosimple.nbvcxz.scoring.Result;

/**
 * How guessable a password is, by nbvcxz (a zxcvbn-style estimator): it splits the password into
 * dictionary words, keyboard walks, sequences, repeats, dates and leet substitutions and adds up
 * the guesses an attacker needs. Its dictionaries include a list of leaked passwords (the common
 * password list); this app adds the words of the registry itself, and for each check the user's own
 * name, username and address, which must not carry a password either.
 *
 * <p>A password passes when it is worth at least {@link #MINIMUM_ENTROPY} bits (nbvcxz's default).
 */
final class PasswordStrength {

    static final double MINIMUM_ENTROPY = 35.0;

    /** nbvcxz's name for its leaked-password list. */
    private static final String LEAKED = "passwords";

    /** Words anyone attacking this site tries first. */
    private static final List<String> SITE_WORDS =
            List.of(
                    "port",
                    "ports",
                    "registry",
                    "portregistry",
                    "portreg",
                    "iana",
                    "ietf",
                    "iesg",
                    "rfc",
                    "rfc6335",
                    "service",
                    "services",
                    "assigned",
                    "numbers",
                    "protocol",
                    "tcp",
                    "udp",
                    "sctp",
                    "dccp",
                    "admin",
                    "operator",
                    "expert");

    private static final Dictionary SITE =
            new DictionaryBuilder()
                    .setDictionaryName("portreg")
                    .addWords(SITE_WORDS, 0)
                    .createDictionary();

    private PasswordStrength() {}

    /** Loads the dictionaries now (about a second), so the first registration does not wait. */
    static void warmUp() {
        ConfigurationBuilder.getDefaultDictionaries();
    }

    /**
     * Why the password is too easy to guess, or null when it is strong enough.
     *
     * @param personal the user's own words (username, name, address), never a good password
     */
    static String problem(String password, List<String> personal) {
        List<Dictionary> dictionaries =
                new ArrayList<>(ConfigurationBuilder.getDefaultDictionaries());
        dictionaries.add(SITE);
        Set<String> own = personalWords(personal);
        if (!own.isEmpty()) {
            dictionaries.add(
                    new DictionaryBuilder()
                            .setDictionaryName("personal")
                            .addWords(own, 0)
                            .createDictionary());
        }
        Nbvcxz estimator =
                new Nbvcxz(
                        new ConfigurationBuilder()
                                .setDictionaries(dictionaries)
                                .setMinimumEntropy(MINIMUM_ENTROPY)
                                .setLocale(Locale.ENGLISH)
                                .createConfiguration());
        Result r = estimator.estimate(password);
        if (r.isMinimumEntropyMet()) {
            return null;
        }
        for (Match m : r.getMatches()) {
            if (m instanceof DictionaryMatch d && LEAKED.equals(d.getDictionaryName())) {
                return "is too common: it is, or is built from, a password attackers try first"
                        + " (\""
                        + d.getToken()
                        + "\")";
            }
            if (m instanceof DictionaryMatch d && "personal".equals(d.getDictionaryName())) {
                return "is too easy to guess: it is built from your own name or address";
            }
        }
        String warning = r.getFeedback() == null ? null : r.getFeedback().getWarning();
        return "is too easy to guess"
                + (warning == null || warning.isBlank() ? "" : ": " + strip(warning))
                + "; a few unrelated words with a number are easy to remember and hard to guess";
    }

    private static Set<String> personalWords(List<String> personal) {
        Set<String> out = new LinkedHashSet<>();
        for (String p : personal) {
            if (p == null || p.isBlank()) {
                continue;
            }
            String lower = p.toLowerCase(Locale.ROOT).strip();
            out.add(lower);
            for (String part : lower.split("[^\\p{L}\\p{N}]+")) {
                if (part.length() >= 3) {
                    out.add(part);
                }
            }
        }
        return out;
    }

    private static String strip(String s) {
        String t = s.strip();
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }
}
