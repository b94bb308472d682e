package io.warden.server;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Session passwords derived from the session id and a server secret, so that any server holding
 * the secret can check a password without storing it.
 */
final class SessionPasswords {
    static final int LENGTH = 16;
    private final SecretKeySpec key;

    SessionPasswords(byte[] secret) {
        this.key = new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HmacSHA256");
    }

    byte[] passwordFor(long sessionId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] id = new byte[8];
            for (int i = 0; i < 8; i++) {
                id[i] = (byte) (sessionId >>> (56 - 8 * i));
            }
            return Arrays.copyOf(mac.doFinal(id), LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK must provide HmacSHA256", e);
        }
    }

    boolean matches(long sessionId, byte[] password) {
        return password != null && MessageDigest.isEqual(passwordFor(sessionId), password);
    }
}
