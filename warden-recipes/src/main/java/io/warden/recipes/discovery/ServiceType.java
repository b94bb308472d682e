package io.warden.recipes.discovery;

/**
 * How an instance's node lives, as in curator-x-discovery (the names are written to the instance's
 * JSON, so both libraries agree on them).
 */
public enum ServiceType {
    /** An ephemeral node {@code basePath/name/id}, created again whenever it disappears (a new session). */
    DYNAMIC,
    /** A persistent node: it stays until unregistered, also when the process that wrote it is gone. */
    STATIC,
    /** A persistent node, like {@link #STATIC}: for instances that are not processes of their own. */
    PERMANENT,
    /**
     * An ephemeral sequential node {@code basePath/name/id<sequence>}, created again (with a new
     * sequence number) in every new session. As in Curator, the node's name is not the id, so
     * {@code queryForInstance(name, id)} does not find it; listings and caches do.
     */
    DYNAMIC_SEQUENTIAL;

    /** True for the types whose node is ephemeral: it goes with the session that made it. */
    public boolean isDynamic() {
        return this == DYNAMIC || this == DYNAMIC_SEQUENTIAL;
    }
}
