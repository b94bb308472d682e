package io.warden.server;

import java.util.Set;

/**
 * The settings the core needs, resolved from the server's configuration.
 *
 * @param serverId                 this server's id (1 when standalone), the top byte of session ids
 * @param tickTimeMs               ZooKeeper's tick
 * @param minSessionTimeoutMs      the lowest negotiated session timeout
 * @param maxSessionTimeoutMs      the highest negotiated session timeout
 * @param maxClientCnxns           connections allowed from one IP address, 0 for no limit
 * @param fourLetterWords          the four-letter words that may run ({@code *} allows all)
 * @param extendedTypesEnabled     whether TTL nodes may be created
 * @param superDigest              the {@code super:<digest>} identity that passes every ACL, or null
 * @param sessionSecret            the key session passwords are derived from
 * @param reconfigEnabled          whether reconfig is accepted (it is not implemented yet)
 * @param outstandingPerConnectionMax requests one connection may have queued or in flight before
 *                                 the server stops reading from it ({@code globalOutstandingLimit})
 */
public record CoreConfig(
        long serverId,
        int tickTimeMs,
        int minSessionTimeoutMs,
        int maxSessionTimeoutMs,
        int maxClientCnxns,
        Set<String> fourLetterWords,
        boolean extendedTypesEnabled,
        String superDigest,
        byte[] sessionSecret,
        boolean reconfigEnabled,
        int outstandingPerConnectionMax) {

    public CoreConfig {
        fourLetterWords = Set.copyOf(fourLetterWords);
        sessionSecret = sessionSecret.clone();
    }
}
