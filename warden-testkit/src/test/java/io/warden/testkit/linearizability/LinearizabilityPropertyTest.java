package io.warden.testkit.linearizability;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.testkit.linearizability.CheckResult.Verdict;
import io.warden.testkit.linearizability.RegisterModel.Input;
import io.warden.testkit.linearizability.RegisterModel.Output;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random concurrent histories: linearizable by construction ones must be accepted, planted bugs that
 * no order can explain must be rejected, and on tiny random histories the checker must agree with
 * the definition checked by brute force. Every failure names its seed.
 */
class LinearizabilityPropertyTest {
    private static final int SEEDS = 500;
    private static final int MAX_CLIENTS = 12;
    private static final int MAX_OPERATIONS_PER_CLIENT = 10;

    private final RegisterModel<Integer> register = RegisterModel.startingWith(RandomRegisterHistories.INITIAL_VALUE);
    private final SetModel<String> set = SetModel.empty();

    @Test
    void acceptsRegisterHistoriesLinearizableByConstruction() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            boolean uniqueValues = seed % 2 == 0;
            var history = new RandomRegisterHistories(seed, uniqueValues, MAX_CLIENTS, MAX_OPERATIONS_PER_CLIENT)
                    .history();

            CheckResult result = LinearizabilityChecker.check(history, register);

            assertThat(result.verdict()).as("seed %d (unique values %s): %s", seed, uniqueValues, result.explanation())
                    .isEqualTo(Verdict.LINEARIZABLE);
        }
    }

    @Test
    void acceptsSetHistoriesLinearizableByConstruction() {
        for (long seed = 1; seed <= SEEDS; seed++) {
            var history = new RandomSetHistories(seed, MAX_CLIENTS, MAX_OPERATIONS_PER_CLIENT).history();

            CheckResult result = LinearizabilityChecker.check(history, set);

            assertThat(result.verdict()).as("seed %d: %s", seed, result.explanation()).isEqualTo(Verdict.LINEARIZABLE);
        }
    }

    @Test
    void rejectsEveryPlantedStaleRead() {
        int inTheMiddle = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            RandomRegisterHistories.Mutation mutation =
                    new RandomRegisterHistories(seed, true, MAX_CLIENTS, MAX_OPERATIONS_PER_CLIENT).plantStaleRead();

            CheckResult result = LinearizabilityChecker.check(mutation.history(), register);

            assertThat(result.verdict()).as("seed %d, %s: %s", seed, mutation.what(), result.explanation())
                    .isEqualTo(Verdict.NOT_LINEARIZABLE);
            inTheMiddle += mutation.inTheMiddle() ? 1 : 0;
        }
        assertThat(inTheMiddle).as("stale reads planted in the middle of a history").isGreaterThan(SEEDS / 4);
    }

    @Test
    void rejectsEveryDroppedAcknowledgedAdd() {
        int inTheMiddle = 0;
        for (long seed = 1; seed <= SEEDS; seed++) {
            RandomSetHistories.Mutation mutation =
                    new RandomSetHistories(seed, MAX_CLIENTS, MAX_OPERATIONS_PER_CLIENT).dropAcknowledgedAdd();

            CheckResult result = LinearizabilityChecker.check(mutation.history(), set);

            assertThat(result.verdict()).as("seed %d, %s: %s", seed, mutation.what(), result.explanation())
                    .isEqualTo(Verdict.NOT_LINEARIZABLE);
            inTheMiddle += mutation.inTheMiddle() ? 1 : 0;
        }
        assertThat(inTheMiddle).as("adds dropped in the middle of a history").isGreaterThan(SEEDS / 4);
    }

    @Test
    void agreesWithBruteForceOnTinyRandomHistories() {
        int linearizable = 0;
        for (long seed = 1; seed <= 2_000; seed++) {
            List<Operation<Input<Integer>, Output<Integer>>> history = tinyRandomHistory(new SplittableRandom(seed));

            boolean expected = BruteForceLinearizability.isLinearizable(history, register);
            CheckResult result = LinearizabilityChecker.check(history, register);

            assertThat(result.verdict()).as("seed %d, history %s: %s", seed, history, result.explanation())
                    .isEqualTo(expected ? Verdict.LINEARIZABLE : Verdict.NOT_LINEARIZABLE);
            linearizable += expected ? 1 : 0;
        }
        assertThat(linearizable).as("linearizable tiny histories of 2000").isBetween(200, 1_800);
    }

    /** Up to 7 operations on values 0..2 with random, often impossible, outputs and overlapping times. */
    private static List<Operation<Input<Integer>, Output<Integer>>> tinyRandomHistory(SplittableRandom random) {
        List<Operation<Input<Integer>, Output<Integer>>> history = new ArrayList<>();
        int clients = 1 + random.nextInt(3);
        for (int client = 0; client < clients && history.size() < 7; client++) {
            long timeNanos = random.nextInt(10);
            int operations = 1 + random.nextInt(3);
            for (int index = 0; index < operations && history.size() < 7; index++) {
                long invocation = timeNanos + random.nextInt(5);
                long completion = invocation + random.nextInt(15);
                int kind = random.nextInt(3);
                Input<Integer> input = kind == 0 ? RegisterModel.write(random.nextInt(3))
                        : kind == 1 ? RegisterModel.read() : RegisterModel.cas(random.nextInt(3), random.nextInt(3));
                Output<Integer> output = kind == 0
                        ? (random.nextInt(10) == 0 ? RegisterModel.failed() : RegisterModel.ok())
                        : kind == 1 ? RegisterModel.value(random.nextInt(3))
                        : random.nextBoolean() ? RegisterModel.ok() : RegisterModel.failed();
                history.add(random.nextInt(5) == 0
                        ? Operation.unknown(history.size(), client, input, invocation)
                        : Operation.completed(history.size(), client, input, invocation, output, completion));
                timeNanos = completion;
            }
        }
        return history;
    }
}
