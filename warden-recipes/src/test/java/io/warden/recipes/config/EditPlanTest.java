package io.warden.recipes.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.client.CreateMode;
import io.warden.client.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EditPlanTest {
    private static final String BASE = "/cfg";

    private final ConfigKeys keys = new ConfigKeys(BASE);
    private final Map<String, EditPlan.NodeState> tree = new HashMap<>();
    private final Map<String, EditPlan.Change> changes = new LinkedHashMap<>();
    private final Set<String> required = new LinkedHashSet<>();

    private void exists(String key, int version, int numChildren) {
        tree.put(keys.pathOf(key), new EditPlan.NodeState(version, numChildren));
    }

    private void set(String key, String value) {
        changes.put(keys.pathOf(key), new EditPlan.Change(value.getBytes(UTF_8)));
    }

    private void remove(String key) {
        changes.put(keys.pathOf(key), EditPlan.Change.REMOVE);
    }

    private List<String> plan(boolean conditional) {
        List<String> described = new ArrayList<>();
        for (Op op : EditPlan.plan(keys, changes, required, tree::get, conditional)) {
            described.add(describe(op));
        }
        return described;
    }

    private static String describe(Op op) {
        String path = op.path().substring(BASE.length() + 1);
        if (op instanceof Op.Create create) {
            assertThat(create.mode()).isEqualTo(CreateMode.PERSISTENT);
            return "create " + path + " " + new String(create.data(), UTF_8);
        } else if (op instanceof Op.SetData setData) {
            return "set " + path + " " + new String(setData.data(), UTF_8) + " @" + setData.version();
        } else if (op instanceof Op.Delete delete) {
            return "delete " + path + " @" + delete.version();
        } else if (op instanceof Op.Check check) {
            return "check " + path + " @" + check.version();
        }
        throw new AssertionError("unexpected op " + op);
    }

    @Test
    void aNewDeepKeyCreatesItsMissingParentsFirstWithoutData() {
        exists("a", 0, 0);
        set("a/b/c/d", "v");

        assertThat(plan(false)).containsExactly("create a/b ", "create a/b/c ", "create a/b/c/d v");
    }

    @Test
    void existingKeysAreUpdatedWithTheSeenVersionOnlyWhenConditional() {
        exists("x", 4, 0);
        set("x", "new");

        assertThat(plan(true)).containsExactly("set x new @4");
        assertThat(plan(false)).containsExactly("set x new @-1");
    }

    @Test
    void aParentThatIsAlsoSetIsCreatedWithItsValueOnce() {
        set("a/b", "child");
        set("a", "parent");

        assertThat(plan(false)).containsExactly("create a parent", "create a/b child");
    }

    @Test
    void creationsComeBeforeUpdatesAndShallowBeforeDeep() {
        exists("old", 2, 0);
        set("old", "1");
        set("z/y", "2");
        set("b", "3");

        assertThat(plan(true)).containsExactly("create b 3", "create z ", "create z/y 2", "set old 1 @2");
    }

    @Test
    void aRemovedLeafIsDeletedAndAParentWithChildrenIsCleared() {
        exists("leaf", 3, 0);
        exists("dir", 1, 2);
        remove("leaf");
        remove("dir");

        assertThat(plan(true)).containsExactly("set dir  @1", "delete leaf @3");
        assertThat(plan(false)).containsExactly("set dir  @-1", "delete leaf @-1");
    }

    @Test
    void removingANodeAndAllItsChildrenDeletesDeepestFirst() {
        exists("db", 0, 2);
        exists("db/url", 5, 0);
        exists("db/pool", 6, 0);
        remove("db");
        remove("db/url");
        remove("db/pool");

        assertThat(plan(true)).containsExactly("delete db/pool @6", "delete db/url @5", "delete db @0");
    }

    @Test
    void removingANodeWhileSettingAKeyBelowItClearsIt() {
        exists("db", 7, 0);
        remove("db");
        set("db/url", "u");

        assertThat(plan(true)).containsExactly("set db  @7", "create db/url u");
    }

    @Test
    void removingAnAbsentKeyDoesNothingUnlessConditional() {
        exists("a", 1, 0);
        remove("a/b/c");

        assertThat(plan(false)).isEmpty();
        assertThat(plan(true)).as("the first missing node is proven absent")
                .containsExactly("create a/b ", "delete a/b @-1");
    }

    @Test
    void anAbsentKeyBelowANodeTheEditCreatesNeedsNoProbe() {
        set("n/new", "v");
        remove("n/gone");

        assertThat(plan(true)).containsExactly("create n ", "create n/new v");
    }

    @Test
    void requiredKeysAreCheckedOnlyByConditionalPlans() {
        exists("limit", 9, 0);
        exists("used", 1, 0);
        required.add(keys.pathOf("limit"));
        required.add(keys.pathOf("absent"));
        required.add(keys.pathOf("used"));
        set("used", "2");

        assertThat(plan(true)).containsExactly("create absent ", "delete absent @-1", "check limit @9",
                "set used 2 @1");
        assertThat(plan(false)).containsExactly("set used 2 @-1");
    }

    @Test
    void theLastChangeOfAKeyWins() {
        exists("k", 0, 0);
        set("k", "first");
        remove("k");

        assertThat(plan(true)).containsExactly("delete k @0");
    }

    @Test
    void anEmptyEditHasNoOps() {
        assertThat(plan(true)).isEmpty();
        assertThat(plan(false)).isEmpty();
    }
}
