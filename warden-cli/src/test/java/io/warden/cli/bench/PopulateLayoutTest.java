package io.warden.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PopulateLayoutTest {
    @Test
    void nodesFillEachParentInTurn() {
        PopulateLayout layout = new PopulateLayout(2_500, 1_000);

        assertThat(layout.parents()).isEqualTo(3);
        assertThat(layout.parentPath(2)).isEqualTo("/warden-bench/populate/p-000002");
        assertThat(layout.nodePath(0)).isEqualTo("/warden-bench/populate/p-000000/n-000000");
        assertThat(layout.nodePath(999)).isEqualTo("/warden-bench/populate/p-000000/n-000999");
        assertThat(layout.nodePath(1_000)).isEqualTo("/warden-bench/populate/p-000001/n-000000");
        assertThat(layout.nodePath(2_499)).isEqualTo("/warden-bench/populate/p-000002/n-000499");
        assertThatThrownBy(() -> layout.nodePath(2_500)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> layout.parentPath(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void fanoutZeroMeansNoParents() {
        PopulateLayout layout = new PopulateLayout(1_000_000, 0);

        assertThat(layout.parents()).isZero();
        assertThat(layout.nodePath(999_999)).isEqualTo("/warden-bench/populate/n-999999");
        assertThatThrownBy(() -> layout.parentPath(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void numbersArePaddedToSixDigitsAndNeverCut() {
        assertThat(PopulateLayout.padded(0)).isEqualTo("000000");
        assertThat(PopulateLayout.padded(42)).isEqualTo("000042");
        assertThat(PopulateLayout.padded(1_234_567)).isEqualTo("1234567");
    }
}
