package io.warden.testkit.linearizability;

import static io.warden.testkit.linearizability.SetModel.add;
import static io.warden.testkit.linearizability.SetModel.added;
import static io.warden.testkit.linearizability.SetModel.alreadyPresent;
import static io.warden.testkit.linearizability.SetModel.elements;
import static io.warden.testkit.linearizability.SetModel.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.testkit.linearizability.CheckResult.Verdict;
import io.warden.testkit.linearizability.SetModel.Input;
import io.warden.testkit.linearizability.SetModel.Output;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-written set histories: concurrent adds, lost acknowledged adds, adds with unknown outcome. */
class SetHistoriesTest {
    private final SetModel<String> set = SetModel.empty();

    private static HistoryBuilder<Input<String>, Output<String>> history() {
        return new HistoryBuilder<>();
    }

    private CheckResult check(HistoryBuilder<Input<String>, Output<String>> history) {
        return LinearizabilityChecker.check(history.build(), set);
    }

    @Test
    void acceptsConcurrentAddsSeenInEitherOrder() {
        CheckResult result = check(history()
                .ok(1, add("a"), 0, added(), 100)
                .ok(2, add("b"), 0, added(), 100)
                .ok(3, read(), 10, elements(List.of("b")), 20)
                .ok(3, read(), 30, elements(List.of("b", "a")), 40)
                .ok(4, add("a"), 200, alreadyPresent(), 210)
                .ok(4, read(), 220, elements(List.of("a", "b")), 230));

        assertThat(result.verdict()).as(result.explanation()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void rejectsALostAcknowledgedAdd() {
        CheckResult result = check(history()
                .ok(1, add("a"), 0, added(), 10)
                .ok(1, add("b"), 20, added(), 30)
                .ok(2, read(), 40, elements(List.of("b")), 50));

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.explanation())
                .contains("leaving the state {a, b}")
                .contains("#2 client 2: read() -> {b} [40 .. 50 ns] completed");
    }

    @Test
    void acceptsAnUnknownAddThatIsSeenAndOneThatIsNever() {
        CheckResult result = check(history()
                .unknown(1, add("a"), 0)
                .unknown(2, add("b"), 0)
                .ok(3, read(), 10, elements(List.of()), 20)
                .ok(3, read(), 30, elements(List.of("a")), 40)
                .ok(3, read(), 50, elements(List.of("a")), 60));

        assertThat(result.verdict()).as(result.explanation()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void rejectsAnAddReportedPresentBeforeAnyoneAddedIt() {
        CheckResult result = check(history()
                .ok(1, add("a"), 0, alreadyPresent(), 10)
                .ok(2, add("a"), 20, added(), 30));

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void aRetriedAddFindsTheFirstAttemptThatTimedOut() {
        CheckResult result = check(history()
                .unknown(1, add("a"), 0)
                .ok(1, add("a"), 100, alreadyPresent(), 110));

        assertThat(result.verdict()).as(result.explanation()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void rejectsAReadOfAnElementNobodyAdded() {
        CheckResult result = check(history()
                .ok(1, add("a"), 0, added(), 10)
                .ok(2, read(), 5, elements(List.of("a", "z")), 15));

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.explanation()).contains("read() -> {a, z}");
    }
}
