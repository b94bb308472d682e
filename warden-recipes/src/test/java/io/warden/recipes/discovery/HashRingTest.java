package io.warden.recipes.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The properties consistent hashing is for, measured on a fixed set of keys: few keys move when an
 * instance comes or goes, only to or from that instance, and the keys are spread evenly.
 */
class HashRingTest {
    private static final int KEYS = 100_000;
    private static final int INSTANCES = 10;

    private static List<String> members(int count) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add("instance-" + i);
        }
        return members;
    }

    /** The owner of each key, by key number. */
    private static String[] owners(List<String> members) {
        HashRing ring = new HashRing(members, HashRing.VIRTUAL_NODES_DEFAULT);
        String[] owners = new String[KEYS];
        for (int key = 0; key < KEYS; key++) {
            owners[key] = members.get(ring.ownerOf("key-" + key));
        }
        return owners;
    }

    @Test
    void addingAnInstanceMovesAboutOneNthOfTheKeysAllToTheNewInstance() {
        List<String> before = members(INSTANCES);
        List<String> after = members(INSTANCES + 1);
        String[] ownersBefore = owners(before);
        String[] ownersAfter = owners(after);

        int moved = 0;
        for (int key = 0; key < KEYS; key++) {
            if (!ownersBefore[key].equals(ownersAfter[key])) {
                moved++;
                assertThat(ownersAfter[key]).isEqualTo("instance-" + INSTANCES);
            }
        }
        int n = INSTANCES + 1;
        assertThat(moved).isBetween((int) (0.6 * KEYS / n), (int) (1.6 * KEYS / n));
    }

    @Test
    void removingAnInstanceMovesOnlyItsKeys() {
        List<String> before = members(INSTANCES);
        List<String> after = new ArrayList<>(before);
        String removed = after.remove(3);
        String[] ownersBefore = owners(before);
        String[] ownersAfter = owners(after);

        int moved = 0;
        for (int key = 0; key < KEYS; key++) {
            if (!ownersBefore[key].equals(ownersAfter[key])) {
                moved++;
                assertThat(ownersBefore[key]).isEqualTo(removed);
            } else {
                assertThat(ownersBefore[key]).isNotEqualTo(removed);
            }
        }
        assertThat(moved).isBetween((int) (0.6 * KEYS / INSTANCES), (int) (1.6 * KEYS / INSTANCES));
    }

    @Test
    void keysAreSpreadEvenly() {
        Map<String, Integer> counts = new HashMap<>();
        for (String owner : owners(members(INSTANCES))) {
            counts.merge(owner, 1, Integer::sum);
        }

        int mean = KEYS / INSTANCES;
        assertThat(counts).hasSize(INSTANCES);
        assertThat(counts.values()).allSatisfy(count -> assertThat(count).isBetween(mean / 2, 2 * mean));
    }

    @Test
    void ownershipDoesNotDependOnTheOrderOfTheMembers() {
        List<String> members = members(INSTANCES);
        List<String> reversed = new ArrayList<>(members);
        Collections.reverse(reversed);
        HashRing ring = new HashRing(members, HashRing.VIRTUAL_NODES_DEFAULT);
        HashRing other = new HashRing(reversed, HashRing.VIRTUAL_NODES_DEFAULT);

        for (int key = 0; key < 1_000; key++) {
            assertThat(reversed.get(other.ownerOf("key-" + key))).isEqualTo(members.get(ring.ownerOf("key-" + key)));
        }
    }

    @Test
    void theHashIsTheFirstEightBytesOfSha256() {
        // SHA-256("abc") = ba7816bf 8f01cfea 414140de ...
        assertThat(HashRing.hash("abc")).isEqualTo(0xba7816bf8f01cfeaL);
    }
}
