package io.warden.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.warden.wire.ErrorCode;
import io.warden.wire.Id;
import io.warden.wire.WireFormatException;

/** Transactions survive encoding, and damaged bytes never decode into a different transaction. */
class TxnCodecTest {
    private static final List<Id> IDS = List.of(new Id("ip", "127.0.0.1"), new Id("digest", "u:abc="));

    private static Txn txn(long zxid, TxnOp op) {
        return new Txn(zxid, 1_700_000_000_000L + zxid, 0x1234, (int) zxid, IDS, op);
    }

    @Test
    void everyKindOfTransactionRoundTrips() throws Exception {
        for (long seed : RandomOps.SEEDS) {
            RandomOps gen = new RandomOps(seed);
            for (int i = 1; i <= 100; i++) {
                Txn txn = txn(i, gen.any());
                assertThat(TxnCodec.decode(TxnCodec.encode(txn))).as("seed %d #%d", seed, i).isEqualTo(txn);
                assertThat(TxnCodec.encodedBytes(txn)).as("seed %d #%d: counted as encoded", seed, i)
                        .isEqualTo(TxnCodec.encode(txn).length);
            }
        }
        for (TxnOp op : List.of(new TxnOp.CreateSession(7, 30000), new TxnOp.CloseSession(7),
                new TxnOp.Error(ErrorCode.RECONFIGDISABLED), new TxnOp.Delete("/c", -1, true),
                new TxnOp.SetAcl("/a", io.warden.wire.Acl.READ_ACL_UNSAFE, 3), new TxnOp.Multi(List.of()))) {
            assertThat(TxnCodec.decode(TxnCodec.encode(txn(9, op)))).isEqualTo(txn(9, op));
        }
    }

    @Test
    void truncatedBytesAreRefused() {
        byte[] bytes = TxnCodec.encode(txn(3, new TxnOp.SetData("/a", new byte[] {1, 2, 3}, 0)));
        for (int length = 0; length < bytes.length; length++) {
            byte[] cut = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> TxnCodec.decode(cut)).as("cut at %d", length)
                    .isInstanceOf(WireFormatException.class);
        }
    }

    @Test
    void randomlyDamagedBytesFailCleanly() {
        SplittableRandom random = new SplittableRandom(42);
        byte[] bytes = TxnCodec.encode(txn(3, new TxnOp.Multi(List.of(new TxnOp.Check("/a", 1),
                new TxnOp.Delete("/b", -1, false)))));
        for (int i = 0; i < 2000; i++) {
            byte[] damaged = bytes.clone();
            damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
            try {
                TxnCodec.decode(damaged);
            } catch (WireFormatException expected) {
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("seed 42 iteration " + i + ": decoding damaged bytes threw " + e, e);
            }
        }
    }
}
