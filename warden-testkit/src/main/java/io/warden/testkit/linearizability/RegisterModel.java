package io.warden.testkit.linearizability;

import java.util.Objects;
import java.util.Optional;

/**
 * One register holding a value: write, read and compare-and-set, such as the data of one znode.
 *
 * <ul>
 *   <li>{@code write(v)} returns {@code ok} and sets the value to {@code v}; a write that definitely did
 *       not happen may be recorded as {@code failed}, which changes nothing.
 *   <li>{@code read()} returns the value.
 *   <li>{@code cas(expected, v)} compares by <em>value</em>: when the value equals {@code expected} it
 *       sets it to {@code v} and returns {@code ok}, otherwise it changes nothing and returns {@code
 *       failed}.
 * </ul>
 *
 * <p>Compare-and-set by value rather than by version keeps the state to one value. ZooKeeper's
 * {@code setData(path, data, expectedVersion)} maps onto it when every write writes a value no other
 * write writes: then a value names the version that holds it, and the harness passes as {@code
 * expected} the value it read together with the version ({@code BADVERSION} is {@code failed}).
 * With repeated values this model would accept an ABA that version checks refuse.
 *
 * <p>Values must be non-null and compare by content ({@code String}, {@code Long}…); for {@code
 * byte[]} data use, say, {@code new String(data, UTF_8)} or a hex string.
 *
 * @param <V> the value type
 */
public final class RegisterModel<V> implements Model<V, RegisterModel.Input<V>, RegisterModel.Output<V>> {
    private final V initialValue;

    private RegisterModel(V initialValue) {
        this.initialValue = Objects.requireNonNull(initialValue, "initialValue");
    }

    /** A register that holds {@code initialValue} before any operation. */
    public static <V> RegisterModel<V> startingWith(V initialValue) {
        return new RegisterModel<>(initialValue);
    }

    /** What an operation on the register asks: a {@link Write}, a {@link Read} or a {@link CompareAndSet}. */
    public sealed interface Input<V> {
    }

    /** Sets the value. */
    public record Write<V>(V value) implements Input<V> {
        public Write {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "write(" + value + ")";
        }
    }

    /** Returns the value. */
    public record Read<V>() implements Input<V> {
        @Override
        public String toString() {
            return "read()";
        }
    }

    /** Sets the value to {@code newValue} if it equals {@code expected}. */
    public record CompareAndSet<V>(V expected, V newValue) implements Input<V> {
        public CompareAndSet {
            Objects.requireNonNull(expected, "expected");
            Objects.requireNonNull(newValue, "newValue");
        }

        @Override
        public String toString() {
            return "cas(" + expected + ", " + newValue + ")";
        }
    }

    /** What an operation on the register returned: {@link Ok}, {@link Failed} or a read's {@link Value}. */
    public sealed interface Output<V> {
    }

    /** A write, or a compare-and-set that found the expected value, took effect. */
    public record Ok<V>() implements Output<V> {
        @Override
        public String toString() {
            return "ok";
        }
    }

    /** A compare-and-set that did not find the expected value, or a write that definitely did not happen. */
    public record Failed<V>() implements Output<V> {
        @Override
        public String toString() {
            return "failed";
        }
    }

    /** The value a read returned. */
    public record Value<V>(V value) implements Output<V> {
        public Value {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return String.valueOf(value);
        }
    }

    public static <V> Input<V> write(V value) {
        return new Write<>(value);
    }

    public static <V> Input<V> read() {
        return new Read<>();
    }

    public static <V> Input<V> cas(V expected, V newValue) {
        return new CompareAndSet<>(expected, newValue);
    }

    public static <V> Output<V> ok() {
        return new Ok<>();
    }

    public static <V> Output<V> failed() {
        return new Failed<>();
    }

    public static <V> Output<V> value(V value) {
        return new Value<>(value);
    }

    @Override
    public V initialState() {
        return initialValue;
    }

    @Override
    public Optional<V> step(V current, Input<V> input, Output<V> output) {
        if (input instanceof Write<V> write) {
            if (output instanceof Ok) {
                return Optional.of(write.value());
            }
            if (output instanceof Failed) {
                return Optional.of(current);
            }
        } else if (input instanceof Read) {
            if (output instanceof Value<V> read) {
                return current.equals(read.value()) ? Optional.of(current) : Optional.empty();
            }
        } else if (input instanceof CompareAndSet<V> cas) {
            boolean matches = current.equals(cas.expected());
            if (output instanceof Ok) {
                return matches ? Optional.of(cas.newValue()) : Optional.empty();
            }
            if (output instanceof Failed) {
                return matches ? Optional.empty() : Optional.of(current);
            }
        }
        throw new IllegalArgumentException("a register's " + input + " cannot return " + output);
    }

    @Override
    public V stepUnobserved(V current, Input<V> input) {
        if (input instanceof Write<V> write) {
            return write.value();
        }
        if (input instanceof CompareAndSet<V> cas && current.equals(cas.expected())) {
            return cas.newValue();
        }
        return current;
    }
}
