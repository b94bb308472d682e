package io.warden.cli.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What the bench does. */
enum Scenario {
    /** Each client sets the data of its own node. */
    WRITE("write"),
    /** Each client reads its own node. */
    READ("read"),
    /** Each client reads its own node nine times out of ten and writes it the tenth. */
    MIXED("mixed"),
    /** Watchers keep a data watch on one node; one writer changes it, round after round. */
    WATCH_FANOUT("watch-fanout"),
    /** The clients create many nodes under one subtree as fast as their pipelines allow, and keep them or delete them. */
    POPULATE("populate"),
    /** Polls the servers until they accept a session and serve the population, and reports how long that took. */
    RESTART_WAIT("restart-wait"),
    /** Sessions each write a node of their own back to back; reports the longest gaps between acknowledged writes. */
    AVAILABILITY("availability");

    private final String cliName;

    Scenario(String cliName) {
        this.cliName = cliName;
    }

    String cliName() {
        return cliName;
    }

    static Scenario parse(String text) {
        for (Scenario scenario : values()) {
            if (scenario.cliName.equalsIgnoreCase(text.trim())) {
                return scenario;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + text + "', expected one of " + names());
    }

    static String names() {
        return Arrays.stream(values()).map(Scenario::cliName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
