package io.warden.recipes.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueueItemsTest {

    @Test
    void itemsAreThePrefixAndTenDigits() {
        assertThat(QueueItems.isItem("qn-0000000000")).isTrue();
        assertThat(QueueItems.isItem("qn-0000000042")).isTrue();
        assertThat(QueueItems.isItem("qn-42")).isFalse();
        assertThat(QueueItems.isItem("qn-00000000x2")).isFalse();
        assertThat(QueueItems.isItem("queue-0000000001")).isFalse();
        assertThat(QueueItems.isItem("lock")).isFalse();
    }

    @Test
    void itemsComeInSequenceOrderAndOtherChildrenAreLeftOut() {
        List<String> children = List.of("qn-0000000010", "lock", "qn-0000000002", "qn-0000000100",
                "qn-0000000001");

        assertThat(QueueItems.inOrder(children))
                .containsExactly("qn-0000000001", "qn-0000000002", "qn-0000000010", "qn-0000000100");
        assertThat(QueueItems.inOrder(List.of())).isEmpty();
    }
}
