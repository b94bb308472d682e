package io.warden.tree;

/**
 * The settings that change what a transaction does. Every replica must use the same values.
 *
 * @param extendedTypesEnabled whether TTL nodes may be created ({@code extendedTypesEnabled})
 * @param enforceQuota         whether a hard quota refuses writes with QUOTAEXCEEDED
 *                             ({@code enforceQuota}); soft limits are only reported
 */
public record TreeOptions(boolean extendedTypesEnabled, boolean enforceQuota) {
    public static final TreeOptions DEFAULTS = new TreeOptions(false, false);
}
