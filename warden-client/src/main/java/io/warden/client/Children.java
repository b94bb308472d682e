package io.warden.client;

import io.warden.wire.Stat;
import java.util.List;
import java.util.Objects;

/** The names (not paths) of a node's children, in no particular order, and the node's Stat. */
public record Children(List<String> names, Stat stat) {
    public Children {
        names = List.copyOf(names);
        Objects.requireNonNull(stat, "stat");
    }
}
