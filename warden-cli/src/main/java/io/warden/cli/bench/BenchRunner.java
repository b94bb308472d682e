package io.warden.cli.bench;

import java.io.PrintStream;

/** Runs the scenario the settings name; progress and warnings go to {@code progress}. */
final class BenchRunner {
    private BenchRunner() {
    }

    static BenchResult run(BenchSettings settings, PrintStream progress) throws BenchException, InterruptedException {
        return switch (settings.scenario()) { // exhaustive: a new scenario does not compile until it is run here
            case WRITE, READ, MIXED -> new LoadScenario(settings, progress).run();
            case WATCH_FANOUT -> new WatchFanoutScenario(settings, progress).run();
            case POPULATE -> new PopulateScenario(settings, progress).run();
            case RESTART_WAIT -> new RestartWaitScenario(settings, progress).run();
            case AVAILABILITY -> new AvailabilityScenario(settings, progress).run();
        };
    }

    /** One line saying what is about to be measured. */
    static String describe(BenchSettings settings) {
        StringBuilder line = new StringBuilder("warden bench: ").append(settings.scenario()).append(" on ")
                .append(TextReport.servers(settings));
        if (settings.scenario() == Scenario.POPULATE) {
            return line.append(": ").append(settings.nodes()).append(" nodes of ").append(settings.dataBytes())
                    .append(" bytes under ").append(BenchTree.POPULATE_ROOT).append(", ")
                    .append(PopulateLayout.describe(settings.fanout())).append(", ")
                    .append(settings.clients()).append(" clients, pipeline ").append(settings.pipeline())
                    .append(" (at most ").append(settings.timeLimitSeconds()).append(" s)").toString();
        }
        if (settings.scenario() == Scenario.RESTART_WAIT) {
            return line.append(": waiting for ").append(RestartWaitScenario.goal(settings)).append(", polling every ")
                    .append(settings.pollIntervalMs()).append(" ms (at most ").append(settings.timeLimitSeconds())
                    .append(" s)").toString();
        }
        if (settings.scenario() == Scenario.WATCH_FANOUT) {
            line.append(", ").append(settings.watchers()).append(" watchers");
        } else if (settings.scenario() == Scenario.AVAILABILITY) {
            line.append(", ").append(AvailabilityScenario.sessions(settings.clients()))
                    .append(" each writing a node of its own (").append(AvailabilityScenario.NODE)
                    .append(settings.clients() == 1 ? "" : "-N").append(") back to back");
        } else {
            line.append(", ").append(settings.clients()).append(" clients, pipeline ").append(settings.pipeline());
        }
        line.append(": warm-up ").append(settings.warmupSeconds()).append(" s, then ");
        if (settings.timed()) {
            line.append(settings.durationSeconds()).append(" s measured");
        } else {
            line.append(settings.operations()).append(settings.scenario() == Scenario.WATCH_FANOUT ? " rounds" : " operations")
                    .append(" measured (at most ").append(settings.timeLimitSeconds()).append(" s)");
        }
        return line.toString();
    }

    /**
     * Deletes the bench's subtree but the populate scenario's nodes; a failure is reported, not
     * thrown, so that it cannot hide the run's own.
     */
    static void cleanUp(BenchTree tree, PrintStream progress) throws InterruptedException {
        try {
            tree.deleteAllButPopulated();
        } catch (BenchException e) {
            progress.println("warden bench: clean-up of " + BenchTree.ROOT + " failed: " + e.getMessage());
        }
    }
}
