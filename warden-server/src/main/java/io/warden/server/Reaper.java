package io.warden.server;

import java.util.List;

import io.warden.tree.DataTree;

/**
 * When to delete empty containers and expired TTL nodes, and which, as ZooKeeper's container
 * manager decides: every {@code checkIntervalMs}, at most the per-check share of
 * {@code maxPerMinute}.
 */
final class Reaper {
    private final CoreConfig.ReaperSettings settings;
    private long nextCheckMs;

    Reaper(CoreConfig.ReaperSettings settings, long startMs) {
        this.settings = settings;
        this.nextCheckMs = startMs + settings.checkIntervalMs();
    }

    /** The paths to delete now, in path order; empty between checks. */
    List<String> due(long nowMs, DataTree tree) {
        if (nowMs < nextCheckMs) {
            return List.of();
        }
        nextCheckMs = nowMs + settings.checkIntervalMs();
        return tree.reapCandidates(nowMs, settings.maxNeverUsedIntervalMs(), settings.perCheck());
    }
}
