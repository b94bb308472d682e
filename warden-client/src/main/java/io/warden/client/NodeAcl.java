package io.warden.client;

import io.warden.wire.Acl;
import io.warden.wire.Stat;
import java.util.List;
import java.util.Objects;

/** A node's ACL and its Stat ({@code aversion} is the version {@code setAcl} compares). */
public record NodeAcl(List<Acl> acl, Stat stat) {
    public NodeAcl {
        acl = List.copyOf(acl);
        Objects.requireNonNull(stat, "stat");
    }
}
