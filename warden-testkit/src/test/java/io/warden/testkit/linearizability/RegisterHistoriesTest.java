package io.warden.testkit.linearizability;

import static io.warden.testkit.linearizability.RegisterModel.cas;
import static io.warden.testkit.linearizability.RegisterModel.failed;
import static io.warden.testkit.linearizability.RegisterModel.ok;
import static io.warden.testkit.linearizability.RegisterModel.read;
import static io.warden.testkit.linearizability.RegisterModel.value;
import static io.warden.testkit.linearizability.RegisterModel.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.testkit.linearizability.CheckResult.Verdict;
import io.warden.testkit.linearizability.RegisterModel.Input;
import io.warden.testkit.linearizability.RegisterModel.Output;
import org.junit.jupiter.api.Test;

/** Hand-written register histories: what the checker must accept, must reject, and how it explains a rejection. */
class RegisterHistoriesTest {
    private final RegisterModel<Integer> register = RegisterModel.startingWith(0);

    private static HistoryBuilder<Input<Integer>, Output<Integer>> history() {
        return new HistoryBuilder<>();
    }

    private CheckResult check(HistoryBuilder<Input<Integer>, Output<Integer>> history) {
        return LinearizabilityChecker.check(history.build(), register);
    }

    @Test
    void acceptsASequentialHistory() {
        CheckResult result = check(history()
                .ok(1, read(), 0, value(0), 1)
                .ok(1, write(1), 2, ok(), 3)
                .ok(2, cas(1, 2), 4, ok(), 5)
                .ok(1, cas(1, 3), 6, failed(), 7)
                .ok(2, read(), 8, value(2), 9));

        assertThat(result.verdict()).as(result.explanation()).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(result.explanation()).startsWith("linearizable: 5 operations");
    }

    @Test
    void rejectsACompareAndSetThatFailedAlthoughTheValueMatched() {
        CheckResult result = check(history()
                .ok(1, write(5), 0, ok(), 1)
                .ok(1, cas(5, 6), 2, failed(), 3));

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.explanation()).contains("#1 client 1: cas(5, 6) -> failed [2 .. 3 ns]");
    }

    @Test
    void acceptsOverlappingWritesThatOnlyOneOrderExplains() {
        // Write 1 spans the whole history; the reads see 2, then 1: write 2 must come first.
        CheckResult result = check(history()
                .ok(1, write(1), 0, ok(), 100)
                .ok(2, write(2), 10, ok(), 110)
                .ok(3, read(), 50, value(2), 60)
                .ok(3, read(), 120, value(1), 130));

        assertThat(result.verdict()).as(result.explanation()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void rejectsOverlappingWritesSeenInBothOrders() {
        CheckResult result = check(history()
                .ok(1, write(1), 0, ok(), 100)
                .ok(2, write(2), 10, ok(), 110)
                .ok(3, read(), 50, value(2), 60)
                .ok(3, read(), 120, value(1), 130)
                .ok(4, read(), 140, value(2), 150));

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.explanation()).contains("#4 client 4: read() -> 2 [140 .. 150 ns]");
    }

    @Test
    void rejectsAStaleReadAfterACompletedWriteAndNamesTheRead() {
        CheckResult result = check(history()
                .ok(1, write(1), 1000, ok(), 1010)
                .ok(2, read(), 1020, value(0), 1030));

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.isLinearizable()).isFalse();
        assertThat(result.explanation())
                .contains("places 1 operation,")
                .contains("#0 client 1: write(1) -> ok [0 .. 10 ns]")
                .contains("leaving the state 1")
                .contains("#1 client 2: read() -> 0 [20 .. 30 ns] completed");
    }

    @Test
    void acceptsAReadConcurrentWithAWriteSeeingEitherValue() {
        for (int seen : new int[] {0, 1}) {
            CheckResult result = check(history()
                    .ok(1, write(1), 0, ok(), 10)
                    .ok(2, read(), 5, value(seen), 15));

            assertThat(result.verdict()).as("read sees %d: %s", seen, result).isEqualTo(Verdict.LINEARIZABLE);
        }
    }

    @Test
    void rejectsAReadOfAValueNobodyWrote() {
        CheckResult result = check(history()
                .ok(1, write(1), 0, ok(), 10)
                .unknown(2, write(2), 5)
                .ok(3, read(), 5, value(3), 15));

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.explanation()).contains("read() -> 3");
    }

    @Test
    void acceptsAnUnknownWriteThatIsSeen() {
        CheckResult result = check(history()
                .unknown(1, write(7), 0)
                .ok(2, read(), 100, value(7), 110)
                .ok(2, read(), 120, value(7), 130));

        assertThat(result.verdict()).as(result.explanation()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void acceptsAnUnknownWriteThatIsNeverSeen() {
        CheckResult result = check(history()
                .unknown(1, write(7), 0)
                .ok(2, read(), 100, value(0), 110)
                .ok(2, write(8), 120, ok(), 130)
                .ok(2, read(), 140, value(8), 150));

        assertThat(result.verdict()).as(result.explanation()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void acceptsAnUnknownWriteThatTakesEffectLongAfterItsClientMovedOn() {
        CheckResult result = check(history()
                .unknown(1, write(7), 0)
                .ok(1, write(8), 50, ok(), 60)
                .ok(2, read(), 100, value(8), 110)
                .ok(2, read(), 200, value(7), 210));

        assertThat(result.verdict()).as(result.explanation()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void rejectsAnUnknownWriteSeenAndThenUnseen() {
        CheckResult result = check(history()
                .unknown(1, write(7), 0)
                .ok(2, read(), 100, value(7), 110)
                .ok(2, read(), 120, value(0), 130));

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void rejectsAnUnknownWriteSeenBeforeItWasInvoked() {
        CheckResult result = check(history()
                .ok(2, read(), 0, value(7), 10)
                .unknown(1, write(7), 20));

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.explanation()).contains("Not even a first operation fits the initial state 0");
    }

    @Test
    void anUnknownCompareAndSetTakesEffectOnlyWhenTheValueMatches() {
        CheckResult seen = check(history()
                .ok(1, write(1), 0, ok(), 10)
                .unknown(2, cas(1, 2), 20)
                .ok(3, read(), 30, value(2), 40));
        CheckResult impossible = check(history()
                .ok(1, write(1), 0, ok(), 10)
                .unknown(2, cas(5, 2), 20)
                .ok(3, read(), 30, value(2), 40));

        assertThat(seen.verdict()).as(seen.explanation()).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(impossible.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void operationsTouchingInTimeCountAsConcurrent() {
        CheckResult result = check(history()
                .ok(1, write(1), 0, ok(), 10)
                .ok(2, read(), 10, value(0), 20));

        assertThat(result.verdict()).as(result.explanation()).isEqualTo(Verdict.LINEARIZABLE);
    }

    @Test
    void aHistoryOfOnlyUnknownOperationsIsLinearizable() {
        CheckResult result = check(history().unknown(1, write(1), 0).unknown(2, read(), 0));

        assertThat(result.verdict()).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(LinearizabilityChecker.check(java.util.List.of(), register).isLinearizable()).isTrue();
    }
}
