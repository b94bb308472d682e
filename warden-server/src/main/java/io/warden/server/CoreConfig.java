package io.warden.server;

import java.util.Set;

import io.warden.tree.TreeOptions;

/**
 * The settings the core needs, resolved from the server's configuration.
 *
 * @param serverId                    this server's id (1 when standalone), the top byte of session ids
 * @param tickTimeMs                  ZooKeeper's tick
 * @param minSessionTimeoutMs         the lowest negotiated session timeout
 * @param maxSessionTimeoutMs         the highest negotiated session timeout
 * @param maxClientCnxns              connections allowed from one IP address, 0 for no limit
 * @param fourLetterWords             the four-letter words that may run ({@code *} allows all)
 * @param treeOptions                 what changes how transactions apply (TTL nodes, quotas)
 * @param superDigest                 the {@code super:<digest>} identity that passes every ACL, or null
 * @param sessionSecret               the key session passwords are derived from
 * @param reconfigEnabled             whether reconfig is accepted (it is not implemented yet)
 * @param limits                      what one connection may hold: outstanding requests and bytes,
 *                                    auth identities, watches
 * @param reaper                      when empty containers and expired TTL nodes are deleted
 */
public record CoreConfig(
        long serverId,
        int tickTimeMs,
        int minSessionTimeoutMs,
        int maxSessionTimeoutMs,
        int maxClientCnxns,
        Set<String> fourLetterWords,
        TreeOptions treeOptions,
        String superDigest,
        byte[] sessionSecret,
        boolean reconfigEnabled,
        ConnectionLimits limits,
        ReaperSettings reaper) {

    public CoreConfig {
        fourLetterWords = Set.copyOf(fourLetterWords);
        sessionSecret = sessionSecret.clone();
    }

    /**
     * The container and TTL reaper's settings, named as in ZooKeeper.
     *
     * @param checkIntervalMs        {@code znode.container.checkIntervalMs}: how often to look
     * @param maxPerMinute           {@code znode.container.maxPerMinute}: the most deletions a minute
     * @param maxNeverUsedIntervalMs {@code znode.container.maxNeverUsedIntervalMs}: how long a
     *                               container that never had a child is kept, 0 for ever
     */
    public record ReaperSettings(long checkIntervalMs, int maxPerMinute, long maxNeverUsedIntervalMs) {
        public static final ReaperSettings DEFAULTS = new ReaperSettings(60_000, 10_000, 0);

        /** Deletions allowed per check: the per-minute rate spread over the interval, at least one. */
        int perCheck() {
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (long) maxPerMinute * checkIntervalMs / 60_000));
        }
    }
}
