package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whoever reads the session secret can compute any session's password and take over its
 * ephemerals and watches: a real server writes it readable by its own user only, and a session
 * resumes across a restart with the same secret.
 */
class SessionSecretProcessTest {
    @TempDir
    Path dir;

    @Test
    void theSessionSecretIsReadableByTheServersUserOnly() throws Exception {
        try (ServerProcess server = ServerProcess.start(dir, List.of(), List.of())) {
            Path secret = server.dataDir().resolve("warden-1").resolve("session-secret");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
            long sessionId;
            byte[] password;
            try (RawConnection raw = RawConnection.open(server)) {
                RawConnection.ConnectResponse session = raw.handshake(30_000);
                sessionId = session.sessionId();
                password = session.password();
            }
            server.kill();
            server.launch(null);
            try (RawConnection raw = RawConnection.open(server)) {
                RawConnection.ConnectResponse resumed = raw.handshake(0, 30_000, sessionId, password, true);
                assertThat(resumed.sessionId()).as("the same secret after a restart").isEqualTo(sessionId);
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        }
    }
}
