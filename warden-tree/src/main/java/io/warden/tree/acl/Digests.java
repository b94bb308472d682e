package io.warden.tree.acl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** The digest scheme's id format: {@code user:base64(sha1("user:password"))}. */
public final class Digests {
    private Digests() {
    }

    /** The digest id for credentials given as {@code user:password}. */
    public static String idFor(String userColonPassword) {
        int colon = userColonPassword.indexOf(':');
        String user = colon < 0 ? userColonPassword : userColonPassword.substring(0, colon);
        return user + ":" + base64Sha1(userColonPassword);
    }

    private static String base64Sha1(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK must provide SHA-1", e);
        }
    }
}
