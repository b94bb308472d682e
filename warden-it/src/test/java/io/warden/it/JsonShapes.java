package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Iterator;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/** Compares two AdminServer answers by shape: the same keys, recursively, and the same kind of value under each. */
final class JsonShapes {
    private JsonShapes() {
    }

    /**
     * Same keys (recursively, arrays by their first element) and the same kind of value under each;
     * an object whose keys are all numbers (times or ids) is compared by its size.
     */
    static void assertSameShape(String where, JsonNode zk, JsonNode warden) {
        assertThat(kind(warden)).as("type at %s", where).isEqualTo(kind(zk));
        if (zk.isObject() && !zk.isEmpty() && names(zk).stream().allMatch(name -> name.matches("\\d+"))) {
            assertThat(warden.size()).as("entries at %s", where).isEqualTo(zk.size());
        } else if (zk.isObject()) {
            assertThat(names(warden)).as("keys at %s", where).isEqualTo(names(zk));
            for (Iterator<String> it = zk.fieldNames(); it.hasNext();) {
                String name = it.next();
                if (!name.matches("\\d+")) { // a map keyed by times or ids: its values are compared below
                    assertSameShape(where + "." + name, zk.get(name), warden.get(name));
                }
            }
        } else if (zk.isArray() && !zk.isEmpty() && !warden.isEmpty()) {
            assertSameShape(where + "[0]", zk.get(0), warden.get(0));
        }
    }

    /** The kind of a value: "integer" for any whole number, else Jackson's node type. */
    static String kind(JsonNode node) {
        return node.isIntegralNumber() ? "integer" : node.getNodeType().name();
    }

    static TreeSet<String> names(JsonNode node) {
        TreeSet<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
