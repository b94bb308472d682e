package io.warden.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.warden.common.RandomSource;

/** The session secret is created once, kept, and readable by its owner only. */
class SessionSecretTest {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    @TempDir
    Path dir;

    @Test
    void aNewSecretIsReadableByItsOwnerOnlyAndStaysTheSame() throws Exception {
        List<String> warnings = new ArrayList<>();
        DirectoryFileStore store = new DirectoryFileStore(dir);
        byte[] first = SessionSecret.loadOrCreate(store, RandomSource.seeded(1), warnings::add);
        assertThat(Files.getPosixFilePermissions(dir.resolve(SessionSecret.NAME))).isEqualTo(OWNER_ONLY);
        assertThat(SessionSecret.loadOrCreate(store, RandomSource.seeded(2), warnings::add)).isEqualTo(first);
        assertThat(warnings).isEmpty();
    }

    @Test
    void aSecretOthersCouldReadIsNarrowedWithAWarning() throws Exception {
        DirectoryFileStore store = new DirectoryFileStore(dir);
        byte[] secret = SessionSecret.loadOrCreate(store, RandomSource.seeded(1), w -> { });
        Files.setPosixFilePermissions(dir.resolve(SessionSecret.NAME), PosixFilePermissions.fromString("rw-r--r--"));
        List<String> warnings = new ArrayList<>();
        assertThat(SessionSecret.loadOrCreate(store, RandomSource.seeded(2), warnings::add)).isEqualTo(secret);
        assertThat(Files.getPosixFilePermissions(dir.resolve(SessionSecret.NAME))).isEqualTo(OWNER_ONLY);
        assertThat(warnings).singleElement().asString().contains("owner only");
    }
}
