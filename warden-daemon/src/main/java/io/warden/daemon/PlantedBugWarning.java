package io.warden.daemon;

import io.warden.daemon.config.PlantedBug;

/** The startup warning of a server with a bug planted on purpose ({@code warden.plantedBug}). */
final class PlantedBugWarning {
    private PlantedBugWarning() {
    }

    /** A warning that names the property and the bug, says what it does, and that it is never for production. */
    static String text(PlantedBug bug, String effect) {
        return "!!! PLANTED BUG: " + PlantedBug.PROPERTY + "=" + bug.propertyValue() + " is set: " + effect
                + ". This exists only for Warden's fault-harness tests; NEVER run a server with it in production !!!";
    }
}
