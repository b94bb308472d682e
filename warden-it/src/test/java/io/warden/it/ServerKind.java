package io.warden.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The servers a differential scenario runs against. The reference comes first: its transcript is
 * the expected one.
 */
public enum ServerKind {
    ZOOKEEPER {
        @Override
        public TestServer start(Path dataDir, ServerOptions options) {
            return ReferenceZooKeeper.start(dataDir, options);
        }
    },
    WARDEN {
        @Override
        public TestServer start(Path dataDir, ServerOptions options) {
            return WardenTestServer.start(dataDir, options);
        }
    };

    /** Starts a fresh server of this kind with its data under {@code dataDir}. */
    public abstract TestServer start(Path dataDir, ServerOptions options);

    /**
     * The kinds selected with {@code -Dwarden.it.servers=zookeeper,warden} (default: all), always
     * with the reference first.
     */
    public static List<ServerKind> selected() {
        String property = System.getProperty("warden.it.servers", "").trim();
        List<ServerKind> kinds = new ArrayList<>();
        for (ServerKind kind : values()) {
            if (property.isEmpty() || List.of(property.toLowerCase(Locale.ROOT).split("\\s*,\\s*"))
                    .contains(kind.name().toLowerCase(Locale.ROOT))) {
                kinds.add(kind);
            }
        }
        if (!kinds.contains(ZOOKEEPER)) {
            kinds.add(0, ZOOKEEPER);
        }
        return kinds;
    }
}
