package io.warden.daemon.config;

import java.util.Locale;

/** What a member of the ensemble does: votes ({@code participant}) or only follows ({@code observer}). */
public enum PeerRole {
    PARTICIPANT,
    OBSERVER;

    /** The word used in {@code zoo.cfg}: {@code participant} or {@code observer}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** ZooKeeper accepts the role words in any case ({@code toLowerCase()} before comparing). */
    static PeerRole fromConfig(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "participant" -> PARTICIPANT;
            case "observer" -> OBSERVER;
            default -> null;
        };
    }
}
