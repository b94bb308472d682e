package io.warden.it.client;

import io.warden.it.ServerKind;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class whose parameterised tests ({@code @MethodSource("kinds")}) run against one server of
 * each selected kind, started with default options for the whole class in {@link #servers}.
 */
public abstract class AgainstBothServers {

    @TempDir
    static Path dir;

    protected static ClientServers servers;

    @BeforeAll
    static void startServers() {
        servers = ClientServers.start(dir);
    }

    @AfterAll
    static void stopServers() {
        if (servers != null) {
            servers.close();
            servers = null;
        }
    }

    public static List<ServerKind> kinds() {
        return ClientServers.kinds();
    }
}
