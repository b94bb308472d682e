package io.warden.storage;

import java.io.IOException;
import java.util.function.Consumer;

import io.warden.common.RandomSource;

/**
 * The secret session passwords are derived from, kept in the data directory so that clients can
 * resume their sessions after a restart. Created once, written atomically, readable by the
 * server's user only: whoever reads it can compute any session's password.
 */
public final class SessionSecret {
    static final String NAME = "session-secret";
    static final int BYTES = 32;

    private SessionSecret() {
    }

    /**
     * The secret, created if there is none. {@code warnings} hears of a secret file that others
     * could read (written by an earlier version); its permissions are narrowed.
     */
    public static byte[] loadOrCreate(FileStore store, RandomSource random, Consumer<String> warnings)
            throws IOException, CorruptDataException {
        if (store.list().contains(NAME)) {
            if (store.makePrivate(NAME)) {
                warnings.accept(store.describe(NAME) + " could be read by other users; it is now readable by its"
                        + " owner only (whoever read it can resume any session)");
            }
            byte[] secret = store.readAll(NAME);
            if (secret.length != BYTES) {
                throw new CorruptDataException(store.describe(NAME), 0, "expected " + BYTES + " bytes, found "
                        + secret.length);
            }
            return secret;
        }
        byte[] secret = new byte[BYTES];
        for (int i = 0; i < BYTES; i += 8) {
            long value = random.nextLong();
            for (int j = 0; j < 8; j++) {
                secret[i + j] = (byte) (value >>> (8 * j));
            }
        }
        String temporary = NAME + DataFiles.TEMPORARY_SUFFIX;
        store.delete(temporary);
        try (FileStore.AppendFile file = store.create(temporary)) {
            store.makePrivate(temporary);
            file.write(secret, 0, BYTES);
            file.force();
        }
        store.rename(temporary, NAME);
        store.syncDirectory();
        return secret;
    }
}
