package dev.portreg.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random tokens for cookies, mailed links and API tokens, and the one-way hash the database keeps
 * of them. A token carries 256 random bits, so a plain SHA-256 is enough to store it: there is
 * nothing to guess, unlike a password (which BCrypt protects).
 */
final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private Secrets() {}

    /** 32 random bytes, base64url without padding: 43 characters. */
    static String newToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return URL.encodeToString(b);
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** Whether {@code token} can be one of ours at all (so junk never reaches the database). */
    static boolean plausible(String token, int length) {
        if (token == null || token.length() != length) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z')
                            || (c >= 'A' && c <= 'Z')
                            || (c >= '0' && c <= '9')
                            || c == '-'
                            || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
