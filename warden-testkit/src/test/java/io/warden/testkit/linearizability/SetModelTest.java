package io.warden.testkit.linearizability;

import static io.warden.testkit.linearizability.SetModel.add;
import static io.warden.testkit.linearizability.SetModel.added;
import static io.warden.testkit.linearizability.SetModel.alreadyPresent;
import static io.warden.testkit.linearizability.SetModel.elements;
import static io.warden.testkit.linearizability.SetModel.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The set model on its own: which outputs each input may return in a state. */
class SetModelTest {
    private final SetModel<String> set = SetModel.empty();

    @Test
    void anAddOfANewElementGrowsTheSet() {
        assertThat(set.step(Set.of("a"), add("b"), added())).contains(Set.of("a", "b"));
        assertThat(set.step(Set.of("a"), add("a"), added())).isEmpty();
        assertThat(set.stepUnobserved(Set.of("a"), add("b"))).isEqualTo(Set.of("a", "b"));
    }

    @Test
    void anAddOfAPresentElementReportsItAndChangesNothing() {
        assertThat(set.step(Set.of("a"), add("a"), alreadyPresent())).contains(Set.of("a"));
        assertThat(set.step(Set.of("a"), add("b"), alreadyPresent())).isEmpty();
        assertThat(set.stepUnobserved(Set.of("a"), add("a"))).isEqualTo(Set.of("a"));
    }

    @Test
    void aReadReturnsEveryElementInAnyOrder() {
        SetModel<String> seeded = SetModel.startingWith(List.of("x", "y"));

        assertThat(seeded.initialState()).isEqualTo(Set.of("x", "y"));
        assertThat(seeded.step(Set.of("x", "y"), read(), elements(List.of("y", "x")))).contains(Set.of("x", "y"));
        assertThat(seeded.step(Set.of("x", "y"), read(), elements(List.of("y")))).isEmpty();
        assertThat(seeded.step(Set.of("x", "y"), read(), elements(List.of("x", "y", "z")))).isEmpty();
    }

    @Test
    void refusesAnOutputOfTheWrongKind() {
        assertThatThrownBy(() -> set.step(Set.of(), read(), added()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read() cannot return added");
    }

    @Test
    void showsElementsSorted() {
        assertThat(SetModel.<String>elements(List.of("c", "a", "b"))).hasToString("{a, b, c}");
        assertThat(set.describe(Set.of("b", "a"))).isEqualTo("{a, b}");
    }
}
