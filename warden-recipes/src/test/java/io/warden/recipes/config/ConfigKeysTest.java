package io.warden.recipes.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConfigKeysTest {
    private final ConfigKeys keys = new ConfigKeys("/app/config");

    @Test
    void aKeyIsAPathRelativeToTheBase() {
        assertThat(keys.pathOf("db/url")).isEqualTo("/app/config/db/url");
        assertThat(keys.keyOf("/app/config/db/url")).isEqualTo("db/url");
        assertThat(keys.keyOf(keys.pathOf("timeout"))).isEqualTo("timeout");
    }

    @Test
    void theBaseAndPathsOutsideItAreNoKeys() {
        assertThat(keys.keyOf("/app/config")).isNull();
        assertThat(keys.keyOf("/app/configuration/x")).isNull();
        assertThat(keys.keyOf("/app")).isNull();
        assertThat(keys.keyOf("/other/db")).isNull();
    }

    @Test
    void atTheRootEveryPathButTheRootIsAKey() {
        ConfigKeys root = new ConfigKeys("/");
        assertThat(root.pathOf("a/b")).isEqualTo("/a/b");
        assertThat(root.keyOf("/a/b")).isEqualTo("a/b");
        assertThat(root.keyOf("/")).isNull();
        assertThat(root.ancestorsBelowBase("/a/b/c")).containsExactly("/a", "/a/b");
    }

    @Test
    void invalidKeysAreRefusedWithTheKeyNamed() {
        for (String bad : new String[] {"", "/db", "db/", "db//url", "db/../x", "db/./x"}) {
            assertThatThrownBy(() -> keys.pathOf(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + bad + "'");
        }
        assertThatThrownBy(() -> keys.pathOf(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConfigKeys("app")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("app");
    }

    @Test
    void prefixesMatchWholeSegments() {
        assertThat(ConfigKeys.underPrefix("db", "db")).isTrue();
        assertThat(ConfigKeys.underPrefix("db/url", "db")).isTrue();
        assertThat(ConfigKeys.underPrefix("db/pool/size", "db/pool")).isTrue();
        assertThat(ConfigKeys.underPrefix("dbx", "db")).isFalse();
        assertThat(ConfigKeys.underPrefix("d", "db")).isFalse();
        assertThat(ConfigKeys.underPrefix("anything", "")).isTrue();
        assertThat(keys.checkPrefix("")).isEmpty();
        assertThatThrownBy(() -> keys.checkPrefix("db/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.checkPrefix(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ancestorsBelowTheBaseComeShallowestFirst() {
        assertThat(keys.ancestorsBelowBase("/app/config/a/b/c")).containsExactly("/app/config/a", "/app/config/a/b");
        assertThat(keys.ancestorsBelowBase("/app/config/a")).isEmpty();
    }

    @Test
    void belowAndDepthCountSegments() {
        assertThat(ConfigKeys.isBelow("/a/b", "/a")).isTrue();
        assertThat(ConfigKeys.isBelow("/a", "/a")).isFalse();
        assertThat(ConfigKeys.isBelow("/ab", "/a")).isFalse();
        assertThat(ConfigKeys.isBelow("/a", "/")).isTrue();
        assertThat(ConfigKeys.depth("/")).isZero();
        assertThat(ConfigKeys.depth("/a")).isEqualTo(1);
        assertThat(ConfigKeys.depth("/a/b/c")).isEqualTo(3);
    }
}
