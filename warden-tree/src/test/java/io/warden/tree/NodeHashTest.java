package io.warden.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.warden.wire.Acl;

/** The node hash equals the plain reference pass for data of every length around the eight-byte words. */
class NodeHashTest {
    @Test
    void equalsTheReferenceForEveryDataLength() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int length = 0; length <= 70; length++) {
            byte[] data = new byte[length];
            random.nextBytes(data); // negative bytes too
            NodeRecord node = new NodeRecord("/n-\u00e9" + length, data, Acl.OPEN_ACL_UNSAFE, 3, 4, 5, 6, 7, 1, 2, 9, 0);

            assertThat(NodeHash.of(node)).as("seed %d, %d bytes", seed, length).isEqualTo(NodeHashReference.of(node));
        }
        NodeRecord nullData = new NodeRecord("/null", null, List.of(), 1, 1, 1, 1, 1, 0, 0, 0, 0);
        assertThat(NodeHash.of(nullData)).isEqualTo(NodeHashReference.of(nullData));
    }
}
