package io.warden.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * Applying the same random transactions to two fresh trees gives the same results, the same
 * watch events and the same observable tree (every Stat, child list, ACL, session, ephemeral and
 * watch) after every step.
 */
class TreeDeterminismPropertyTest {
    private static final int STEPS = 250;

    @Test
    void sameTransactionsGiveTheSameTree() {
        for (long seed : RandomOps.SEEDS) {
            RandomOps gen = new RandomOps(seed);
            TreeFixture left = new TreeFixture();
            TreeFixture right = new TreeFixture();
            for (int step = 0; step < STEPS; step++) {
                if (gen.nextInt(4) == 0) {
                    Consumer<DataTree> action = gen.watchAction();
                    action.accept(left.tree);
                    action.accept(right.tree);
                }
                TxnOp op = gen.any();
                long session = gen.session();
                TreeResult a = left.apply(session, TreeFixture.ANONYMOUS, op);
                TreeResult b = right.apply(session, TreeFixture.ANONYMOUS, op);
                assertThat(b.result()).as("seed %d step %d %s", seed, step, op).isEqualTo(a.result());
                assertThat(b.events()).as("seed %d step %d %s", seed, step, op)
                        .containsExactlyElementsOf(a.events());
                assertThat(right.snapshot()).as("seed %d step %d %s", seed, step, op).isEqualTo(left.snapshot());
            }
        }
    }

    @Test
    void randomRunsReallyChangeTheTree() {
        for (long seed : RandomOps.SEEDS) {
            RandomOps gen = new RandomOps(seed);
            TreeFixture f = new TreeFixture();
            int successes = 0;
            for (int step = 0; step < STEPS; step++) {
                OpResult result = f.apply(gen.session(), TreeFixture.ANONYMOUS, gen.any()).result();
                if (result.ok() && !(result instanceof OpResult.MultiResult m && m.results().stream()
                        .anyMatch(r -> r instanceof OpResult.Failed))) {
                    successes++;
                }
            }
            assertThat(successes).as("seed %d: the generator must produce successful writes", seed)
                    .isGreaterThan(STEPS / 10);
        }
    }
}
