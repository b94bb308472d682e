package io.warden.tree;

/**
 * The settings that change what a transaction does. Every replica must use the same values.
 *
 * @param extendedTypesEnabled whether TTL nodes may be created ({@code extendedTypesEnabled})
 */
public record TreeOptions(boolean extendedTypesEnabled) {
    public static final TreeOptions DEFAULTS = new TreeOptions(false);
}
