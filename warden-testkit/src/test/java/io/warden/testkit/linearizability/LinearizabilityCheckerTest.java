package io.warden.testkit.linearizability;

import static io.warden.testkit.linearizability.RegisterModel.ok;
import static io.warden.testkit.linearizability.RegisterModel.read;
import static io.warden.testkit.linearizability.RegisterModel.value;
import static io.warden.testkit.linearizability.RegisterModel.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.testkit.linearizability.CheckResult.Verdict;
import io.warden.testkit.linearizability.RegisterModel.Input;
import io.warden.testkit.linearizability.RegisterModel.Output;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checker's edges: its step bound, long explanations, keyed checks and malformed operations. */
class LinearizabilityCheckerTest {
    private final RegisterModel<Integer> register = RegisterModel.startingWith(0);

    private static HistoryBuilder<Input<Integer>, Output<Integer>> history() {
        return new HistoryBuilder<>();
    }

    /**
     * {@code writers} writes of distinct values, all concurrent, then a read of a value none wrote:
     * every order of every subset of the writes is a distinct search point before the read refutes it.
     */
    private static List<Operation<Input<Integer>, Output<Integer>>> pathological(int writers) {
        HistoryBuilder<Input<Integer>, Output<Integer>> history = history();
        for (int writer = 1; writer <= writers; writer++) {
            history.ok(writer, write(writer), writer, ok(), 1_000 + writer);
        }
        return history.ok(0, read(), 2_000, value(-1), 2_010).build();
    }

    @Test
    void givesUpWithUnknownAtTheStepBound() {
        CheckResult result = LinearizabilityChecker.check(pathological(30), register, 50_000);

        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.isLinearizable()).isFalse();
        assertThat(result.searchSteps()).isEqualTo(50_000);
        assertThat(result.explanation()).contains("gave up after 50000 search steps").contains("31 operations");
    }

    @Test
    void decidesTheSameShapeWhenItIsSmallEnough() {
        CheckResult result = LinearizabilityChecker.check(pathological(6), register, 50_000);

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.searchSteps()).isLessThan(50_000);
        assertThat(result.explanation()).contains("places 6 operations").contains("read() -> -1");
    }

    @Test
    void theDefaultBoundIsNamed() {
        assertThat(LinearizabilityChecker.DEFAULT_MAX_STEPS).isEqualTo(5_000_000);
        assertThatThrownBy(() -> LinearizabilityChecker.check(List.of(), register, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void longExplanationsAreCut() {
        HistoryBuilder<Input<Integer>, Output<Integer>> history = history();
        for (int index = 1; index <= 25; index++) {
            history.ok(1, write(index), index * 10L, ok(), index * 10L + 5);
        }
        CheckResult result = LinearizabilityChecker.check(history.ok(2, read(), 1_000, value(3), 1_010).build(),
                register);

        assertThat(result.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(result.explanation())
                .contains("places 25 operations")
                .contains("... 15 earlier operations")
                .contains("#24 client 1: write(25)")
                .doesNotContain("write(15)")
                .contains("leaving the state 25");
    }

    @Test
    void checksEachKeyOnItsOwnAndNamesTheKeyThatFails() {
        Map<String, List<Operation<Input<Integer>, Output<Integer>>>> byKey = new LinkedHashMap<>();
        byKey.put("/a", history().ok(1, write(1), 0, ok(), 10).ok(2, read(), 20, value(1), 30).build());
        // On one shared register the write to /a would explain the read; on /b nobody wrote 1.
        byKey.put("/b", history().ok(1, write(2), 0, ok(), 10).ok(2, read(), 20, value(1), 30).build());

        CheckResult failing = LinearizabilityChecker.checkEachKey(byKey, register);
        byKey.remove("/b");
        CheckResult passing = LinearizabilityChecker.checkEachKey(byKey, register);

        assertThat(failing.verdict()).isEqualTo(Verdict.NOT_LINEARIZABLE);
        assertThat(failing.explanation()).startsWith("key /b: not linearizable");
        assertThat(passing.verdict()).as(passing.explanation()).isEqualTo(Verdict.LINEARIZABLE);
        assertThat(passing.explanation()).startsWith("linearizable: 1 keys, 2 operations");
    }

    @Test
    void aKeyedCheckIsUnknownWhenAKeyGivesUpAndNoneFails() {
        Map<String, List<Operation<Input<Integer>, Output<Integer>>>> byKey = new LinkedHashMap<>();
        byKey.put("/fine", history().ok(1, write(1), 0, ok(), 10).build());
        byKey.put("/huge", pathological(30));

        CheckResult result = LinearizabilityChecker.checkEachKey(byKey, register, 10_000);

        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.explanation()).startsWith("key /huge: gave up");
        assertThat(result.searchSteps()).isGreaterThan(10_000);
    }

    @Test
    void operationsRefuseInconsistentCompletions() {
        assertThatThrownBy(() -> Operation.completed(1, 1, read(), 10, value(0), 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before its invocation");
        assertThatThrownBy(() -> new Operation<>(1, 1, read(), 10, null, 20))
                .isInstanceOf(IllegalArgumentException.class);
        Operation<Input<Integer>, Output<Integer>> unknown = Operation.unknown(3, 2, write(4), 7);
        assertThat(unknown.isUnknown()).isTrue();
        assertThat(unknown.completionTimeNanos()).isEqualTo(Operation.UNKNOWN_COMPLETION_NANOS);
        assertThat(unknown).hasToString("#3 client 2: write(4) -> unknown outcome [7 ns ..]");
    }
}
