package io.warden.it;

/**
 * The server settings a compatibility scenario may need to change. Both server kinds are started
 * with the same options so that a scenario sees the same configuration on each.
 *
 * @param extendedTypesEnabled whether TTL nodes are allowed ({@code zookeeper.extendedTypesEnabled})
 * @param fourLetterWordWhitelist the comma-separated four-letter-word whitelist
 *     ({@code zookeeper.4lw.commands.whitelist}); {@code null} keeps the server default (only
 *     {@code srvr})
 */
public record ServerOptions(boolean extendedTypesEnabled, String fourLetterWordWhitelist) {

    /** The defaults of a freshly installed server: no extended types, default whitelist. */
    public static ServerOptions defaults() {
        return new ServerOptions(false, null);
    }

    public ServerOptions withExtendedTypesEnabled(boolean enabled) {
        return new ServerOptions(enabled, fourLetterWordWhitelist);
    }

    public ServerOptions withFourLetterWordWhitelist(String whitelist) {
        return new ServerOptions(extendedTypesEnabled, whitelist);
    }
}
