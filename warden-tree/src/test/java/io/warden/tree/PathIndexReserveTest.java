package io.warden.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Reserving room for a count of entries sizes the index as growing to them would, and once. */
class PathIndexReserveTest {
    /** Node i is named "n" + i under parent i / 10. */
    private static final class Names implements PathIndex.Keys {
        final List<String> names = new ArrayList<>();
        int hashed;

        @Override
        public int hashOf(int id) {
            hashed++;
            return PathIndex.hash(id / 10, names.get(id), 0, names.get(id).length());
        }

        @Override
        public boolean matches(int id, int parent, String path, int from, int to) {
            return id / 10 == parent && names.get(id).contentEquals(path.subSequence(from, to));
        }

        int add(PathIndex index) {
            int id = names.size();
            names.add("n" + id);
            index.add(id, PathIndex.hash(id / 10, names.get(id), 0, names.get(id).length()));
            return id;
        }
    }

    @Test
    void aReservedIndexNeverGrowsForTheCountAndEndsAsLargeAsAGrownOne() {
        for (int count : new int[] {1, 614, 615, 1000, 5000, 100_000}) {
            Names grownNames = new Names();
            PathIndex grown = new PathIndex(grownNames);
            for (int i = 0; i < count; i++) {
                grownNames.add(grown);
            }

            Names reservedNames = new Names();
            PathIndex reserved = new PathIndex(reservedNames);
            reserved.reserve(count);
            int capacityReserved = reserved.capacity();
            for (int i = 0; i < count; i++) {
                reservedNames.add(reserved);
            }

            assertThat(reserved.capacity()).as("count %d", count).isEqualTo(capacityReserved)
                    .isEqualTo(grown.capacity());
            assertThat(reservedNames.hashed).as("entries hashed again, count %d", count).isZero();
            for (int id = 0; id < count; id += Math.max(1, count / 50)) {
                assertThat(reserved.find(id / 10, "n" + id, 0, ("n" + id).length())).isEqualTo(id);
            }
            assertThat(reserved.find(0, "absent", 0, 6)).isEqualTo(-1);
        }
    }

    @Test
    void reservingLessThanHeldChangesNothing() {
        Names names = new Names();
        PathIndex index = new PathIndex(names);
        for (int i = 0; i < 3000; i++) {
            names.add(index);
        }
        int capacity = index.capacity();
        index.reserve(10);
        assertThat(index.capacity()).isEqualTo(capacity);
        assertThat(index.find(299, "n2999", 0, 5)).isEqualTo(2999);
    }
}
