package io.warden.recipes.config;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigValuesTest {

    record Pool(String name, int size, List<String> hosts) {
    }

    @Test
    void aNodeWithoutDataHoldsNoValue() {
        assertThat(ConfigValues.text(null)).isNull();
        assertThat(ConfigValues.text(new byte[0])).isNull();
        assertThat(ConfigValues.text("héllo".getBytes(UTF_8))).isEqualTo("héllo");
        assertThat(ConfigValues.bytes("k", "héllo")).isEqualTo("héllo".getBytes(UTF_8));
        assertThat(ConfigValues.noData()).isEmpty();
    }

    @Test
    void emptyAndNullValuesAreRefusedWhenWritten() {
        assertThatThrownBy(() -> ConfigValues.bytes("db/url", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("db/url");
        assertThatThrownBy(() -> ConfigValues.bytes("db/url", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("db/url");
    }

    @Test
    void numbersParseWithSurroundingWhitespace() {
        assertThat(ConfigValues.parseInt("k", " 42\n")).isEqualTo(42);
        assertThat(ConfigValues.parseInt("k", "-7")).isEqualTo(-7);
        assertThat(ConfigValues.parseLong("k", "9000000000")).isEqualTo(9_000_000_000L);
        assertThat(ConfigValues.parseDouble("k", "0.25")).isEqualTo(0.25);
        assertThat(ConfigValues.parseDouble("k", Double.toString(1e-9))).isEqualTo(1e-9);
    }

    @Test
    void aBadNumberNamesTheKeyAndTheValue() {
        assertThatThrownBy(() -> ConfigValues.parseInt("db/port", "abc"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("db/port").hasMessageContaining("\"abc\"").hasMessageContaining("int");
        assertThatThrownBy(() -> ConfigValues.parseInt("k", "9000000000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfigValues.parseLong("k", "1.5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfigValues.parseDouble("k", "one")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("double");
    }

    @Test
    void aLongBadValueIsQuotedShortened() {
        String huge = "x".repeat(10_000);
        assertThatThrownBy(() -> ConfigValues.parseInt("k", huge)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10000 characters")
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(300));
    }

    @Test
    void booleansAreTrueOrFalseAndNothingElse() {
        assertThat(ConfigValues.parseBoolean("k", "true")).isTrue();
        assertThat(ConfigValues.parseBoolean("k", " FALSE ")).isFalse();
        assertThat(ConfigValues.parseBoolean("k", "True")).isTrue();
        assertThatThrownBy(() -> ConfigValues.parseBoolean("feature/on", "yes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feature/on");
    }

    @Test
    void durationsAreIsoOrMilliseconds() {
        assertThat(ConfigValues.parseDuration("k", "PT30S")).isEqualTo(Duration.ofSeconds(30));
        assertThat(ConfigValues.parseDuration("k", "P1DT2H")).isEqualTo(Duration.ofHours(26));
        assertThat(ConfigValues.parseDuration("k", "pt0.5s")).isEqualTo(Duration.ofMillis(500));
        assertThat(ConfigValues.parseDuration("k", "1500")).isEqualTo(Duration.ofMillis(1500));
        assertThat(ConfigValues.parseDuration("k", " 0 ")).isEqualTo(Duration.ZERO);
        assertThat(ConfigValues.parseDuration("k", Duration.ofMinutes(5).toString())).isEqualTo(Duration.ofMinutes(5));
        assertThatThrownBy(() -> ConfigValues.parseDuration("retry/backoff", "5 seconds"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("retry/backoff")
                .hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> ConfigValues.parseDuration("k", "1.5")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonRoundTripsThroughJackson() {
        Pool pool = new Pool("main", 8, List.of("a", "b"));
        String json = ConfigValues.encodeJson("db/pool", pool);
        assertThat(ConfigValues.decodeJson("db/pool", json, Pool.class)).isEqualTo(pool);
        assertThat(ConfigValues.decodeJson("k", "{\"a\":1}", Map.class)).containsEntry("a", 1);
        assertThat(ConfigValues.decodeJson("k", "17", Integer.class)).isEqualTo(17);
    }

    @Test
    void propertiesTheTypeDoesNotKnowAreIgnored() {
        assertThat(ConfigValues.decodeJson("k", "{\"name\":\"x\",\"size\":1,\"hosts\":[],\"later\":true}",
                Pool.class)).isEqualTo(new Pool("x", 1, List.of()));
    }

    @Test
    void badJsonNamesTheKeyAndTheType() {
        assertThatThrownBy(() -> ConfigValues.decodeJson("db/pool", "{not json", Pool.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("db/pool")
                .hasMessageContaining(Pool.class.getName());
        assertThatThrownBy(() -> ConfigValues.decodeJson("db/pool", "{\"size\":\"many\"}", Pool.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("db/pool");
    }
}
