package io.warden.wire.proto;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.warden.wire.EncodedStrings;

/** Defensive copies of record components that are lists. */
final class Lists {
    private Lists() {
    }

    /**
     * An unmodifiable copy that keeps {@code null} (a jute null vector) and {@code null} elements;
     * an {@link EncodedStrings}, immutable already, as it is (a copy would make a string of each).
     */
    static <T> List<T> copy(List<T> values) {
        if (values instanceof EncodedStrings) {
            return values;
        }
        return values == null ? null : Collections.unmodifiableList(new ArrayList<>(values));
    }
}
