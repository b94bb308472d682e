package io.warden.client;

import io.warden.wire.Stat;
import java.util.Objects;

/** The node a create made: its actual path (with any sequence suffix) and its Stat. */
public record Created(String path, Stat stat) {
    public Created {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(stat, "stat");
    }
}
