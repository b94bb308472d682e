package io.warden.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.warden.wire.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * A multi that fails leaves the tree observably identical to before it (every Stat, child list,
 * ACL, session, ephemeral and watch), fires nothing, and reports OK before the failing op, its
 * code at it and RUNTIMEINCONSISTENCY after it.
 */
class FailedMultiPropertyTest {
    private static final int ROUNDS = 120;

    /** A multi with a sure failure inserted at a random position among random ops. */
    private static TxnOp.Multi failingMulti(RandomOps gen) {
        TxnOp.Multi random = (TxnOp.Multi) gen.multi();
        List<TxnOp> ops = new ArrayList<>(random.ops());
        TxnOp failure = gen.nextInt(2) == 0 ? new TxnOp.Check("/never/there", -1)
                : new TxnOp.Delete("/", -1, false);
        ops.add(gen.nextInt(ops.size() + 1), failure);
        return new TxnOp.Multi(ops);
    }

    @Test
    void failedMultiChangesNothing() {
        int failures = 0;
        for (long seed : RandomOps.SEEDS) {
            RandomOps gen = new RandomOps(seed);
            TreeFixture f = new TreeFixture();
            for (int round = 0; round < ROUNDS; round++) {
                f.apply(gen.session(), TreeFixture.ANONYMOUS, gen.any());
                gen.watchAction().accept(f.tree);
                TxnOp.Multi multi = gen.nextInt(2) == 0 ? failingMulti(gen) : (TxnOp.Multi) gen.multi();
                Map<String, String> before = f.snapshot();

                TreeResult result = f.apply(gen.session(), TreeFixture.ANONYMOUS, multi);

                List<OpResult> results = ((OpResult.MultiResult) result.result()).results();
                assertThat(results).as("seed %d round %d", seed, round).hasSameSizeAs(multi.ops());
                int failedAt = firstFailure(results);
                if (failedAt < 0) {
                    continue;
                }
                failures++;
                String context = "seed " + seed + " round " + round + " " + multi.ops();
                assertThat(f.snapshot()).as(context).isEqualTo(before);
                assertThat(result.events()).as(context).isEmpty();
                for (int i = 0; i < results.size(); i++) {
                    assertThat(results.get(i)).as("%s op %d", context, i).isInstanceOf(OpResult.Failed.class);
                    ErrorCode code = ((OpResult.Failed) results.get(i)).code();
                    if (i < failedAt) {
                        assertThat(code).as("%s op %d", context, i).isEqualTo(ErrorCode.OK);
                    } else if (i > failedAt) {
                        assertThat(code).as("%s op %d", context, i).isEqualTo(ErrorCode.RUNTIMEINCONSISTENCY);
                    } else {
                        assertThat(code).as("%s op %d", context, i).isNotIn(ErrorCode.OK,
                                ErrorCode.RUNTIMEINCONSISTENCY);
                    }
                }
            }
        }
        assertThat(failures).as("failed multis exercised").isGreaterThan(RandomOps.SEEDS.length * ROUNDS / 3);
    }

    private static int firstFailure(List<OpResult> results) {
        for (int i = 0; i < results.size(); i++) {
            OpResult r = results.get(i);
            if (r instanceof OpResult.Failed failed && failed.code() != ErrorCode.OK) {
                return i;
            }
        }
        return -1;
    }
}
