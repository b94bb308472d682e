package io.warden.wire.proto;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Defensive copies of record components that are lists. */
final class Lists {
    private Lists() {
    }

    /** An unmodifiable copy that keeps {@code null} (a jute null vector) and {@code null} elements. */
    static <T> List<T> copy(List<T> values) {
        return values == null ? null : Collections.unmodifiableList(new ArrayList<>(values));
    }
}
