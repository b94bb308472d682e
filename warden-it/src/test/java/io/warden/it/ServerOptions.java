package io.warden.it;

/**
 * The server settings a compatibility scenario may need to change. Both server kinds are started
 * with the same options so that a scenario sees the same configuration on each.
 *
 * @param extendedTypesEnabled whether TTL nodes are allowed ({@code zookeeper.extendedTypesEnabled})
 * @param fourLetterWordWhitelist the comma-separated four-letter-word whitelist
 *     ({@code zookeeper.4lw.commands.whitelist}); {@code null} keeps the server default (only
 *     {@code srvr})
 * @param enforceQuota whether a quota's hard limits refuse writes ({@code zookeeper.enforceQuota})
 * @param superDigest {@code super:<base64 sha1>}, the identity that passes every ACL
 *     ({@code zookeeper.DigestAuthenticationProvider.superDigest}); {@code null} for none
 * @param containerCheckIntervalMs how often containers and TTL nodes are checked for deletion
 *     ({@code znode.container.checkIntervalMs}); 0 keeps the server default (one minute)
 */
public record ServerOptions(boolean extendedTypesEnabled, String fourLetterWordWhitelist, boolean enforceQuota,
        String superDigest, int containerCheckIntervalMs) {

    /**
     * The super user's credentials in tests that enable a super digest, as {@code addAuthInfo("digest", ...)}
     * takes them.
     */
    public static final String SUPER_CREDENTIALS = "super:warden-it-super-secret";

    /**
     * The digest of {@link #SUPER_CREDENTIALS}, in the form ZooKeeper's system property takes. The
     * warden-it surefire configuration sets the same value for the whole test JVM, because the
     * reference reads that property only once per JVM.
     */
    public static final String SUPER_DIGEST = "super:goc+OHEAVdbKOrytmQ5rz1SWZSg=";

    /** The defaults of a freshly installed server: no extended types, default whitelist. */
    public static ServerOptions defaults() {
        return new ServerOptions(false, null, false, null, 0);
    }

    public ServerOptions withExtendedTypesEnabled(boolean enabled) {
        return new ServerOptions(enabled, fourLetterWordWhitelist, enforceQuota, superDigest, containerCheckIntervalMs);
    }

    public ServerOptions withFourLetterWordWhitelist(String whitelist) {
        return new ServerOptions(extendedTypesEnabled, whitelist, enforceQuota, superDigest, containerCheckIntervalMs);
    }

    public ServerOptions withEnforceQuota(boolean enforce) {
        return new ServerOptions(extendedTypesEnabled, fourLetterWordWhitelist, enforce, superDigest,
                containerCheckIntervalMs);
    }

    /** Enables the super user whose credentials are {@link #SUPER_CREDENTIALS}. */
    public ServerOptions withSuperDigest() {
        return new ServerOptions(extendedTypesEnabled, fourLetterWordWhitelist, enforceQuota, SUPER_DIGEST,
                containerCheckIntervalMs);
    }

    public ServerOptions withContainerCheckIntervalMs(int intervalMs) {
        return new ServerOptions(extendedTypesEnabled, fourLetterWordWhitelist, enforceQuota, superDigest, intervalMs);
    }
}
