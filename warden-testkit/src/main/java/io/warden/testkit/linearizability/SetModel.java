package io.warden.testkit.linearizability;

import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A set that only grows: add one element, read all of them, such as the children of one znode.
 *
 * <ul>
 *   <li>{@code add(e)} returns {@code added} when {@code e} was absent (and adds it), or {@code
 *       alreadyPresent} when it was there (ZooKeeper's {@code NODEEXISTS}), changing nothing.
 *   <li>{@code read()} returns every element; the order of a child listing does not matter.
 * </ul>
 *
 * <p>Elements must be non-null and compare by content. The state is an unmodifiable set.
 *
 * @param <E> the element type
 */
public final class SetModel<E> implements Model<Set<E>, SetModel.Input<E>, SetModel.Output<E>> {
    private final Set<E> initialElements;

    private SetModel(Set<E> initialElements) {
        this.initialElements = Set.copyOf(initialElements);
    }

    /** A set that is empty before any operation. */
    public static <E> SetModel<E> empty() {
        return new SetModel<>(Set.of());
    }

    /** A set that holds {@code initialElements} before any operation. */
    public static <E> SetModel<E> startingWith(Collection<? extends E> initialElements) {
        return new SetModel<>(Set.copyOf(initialElements));
    }

    /** What an operation on the set asks: an {@link Add} or a {@link Read}. */
    public sealed interface Input<E> {
    }

    /** Adds an element. */
    public record Add<E>(E element) implements Input<E> {
        public Add {
            Objects.requireNonNull(element, "element");
        }

        @Override
        public String toString() {
            return "add(" + element + ")";
        }
    }

    /** Returns every element. */
    public record Read<E>() implements Input<E> {
        @Override
        public String toString() {
            return "read()";
        }
    }

    /** What an operation on the set returned: {@link Added}, {@link AlreadyPresent} or a read's {@link Elements}. */
    public sealed interface Output<E> {
    }

    /** The element was absent and is now in the set. */
    public record Added<E>() implements Output<E> {
        @Override
        public String toString() {
            return "added";
        }
    }

    /** The element was already in the set; nothing changed. */
    public record AlreadyPresent<E>() implements Output<E> {
        @Override
        public String toString() {
            return "alreadyPresent";
        }
    }

    /** The elements a read returned. */
    public record Elements<E>(Set<E> elements) implements Output<E> {
        public Elements {
            elements = Set.copyOf(elements);
        }

        @Override
        public String toString() {
            return sorted(elements);
        }
    }

    public static <E> Input<E> add(E element) {
        return new Add<>(element);
    }

    public static <E> Input<E> read() {
        return new Read<>();
    }

    public static <E> Output<E> added() {
        return new Added<>();
    }

    public static <E> Output<E> alreadyPresent() {
        return new AlreadyPresent<>();
    }

    /** A read's output; duplicates in {@code elements} (a list of children, say) count once. */
    public static <E> Output<E> elements(Collection<? extends E> elements) {
        return new Elements<>(Set.copyOf(elements));
    }

    @Override
    public Set<E> initialState() {
        return initialElements;
    }

    @Override
    public Optional<Set<E>> step(Set<E> current, Input<E> input, Output<E> output) {
        if (input instanceof Add<E> add) {
            boolean present = current.contains(add.element());
            if (output instanceof Added) {
                return present ? Optional.empty() : Optional.of(with(current, add.element()));
            }
            if (output instanceof AlreadyPresent) {
                return present ? Optional.of(current) : Optional.empty();
            }
        } else if (input instanceof Read) {
            if (output instanceof Elements<E> read) {
                return current.equals(read.elements()) ? Optional.of(current) : Optional.empty();
            }
        }
        throw new IllegalArgumentException("a set's " + input + " cannot return " + output);
    }

    @Override
    public Set<E> stepUnobserved(Set<E> current, Input<E> input) {
        if (input instanceof Add<E> add && !current.contains(add.element())) {
            return with(current, add.element());
        }
        return current;
    }

    @Override
    public String describe(Set<E> state) {
        return sorted(state);
    }

    private static <E> Set<E> with(Set<E> elements, E element) {
        Set<E> grown = new HashSet<>(elements);
        grown.add(element);
        return Collections.unmodifiableSet(grown);
    }

    /** Elements in the order of their text, so explanations read the same on every run. */
    private static String sorted(Set<?> elements) {
        return elements.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ", "{", "}"));
    }
}
