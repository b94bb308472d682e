package io.warden.client;

import io.warden.wire.Record;
import java.util.Objects;
import java.util.function.Function;

/**
 * An operation ready to be submitted, any number of times: its request (with server paths), how to
 * read its reply, the watch it registers or removes, whether trying it again is harmless, and how
 * an {@link Outcome} becomes the value the application gets (or the {@link WardenException} it
 * gets instead).
 */
record Spec<T>(
        int opCode,
        Record request,
        String path,
        ReplyReader reader,
        WatchRegistration registration,
        WatchRemoval removal,
        boolean idempotent,
        Function<Outcome, T> convert) {

    Spec {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(convert, "convert");
    }
}
