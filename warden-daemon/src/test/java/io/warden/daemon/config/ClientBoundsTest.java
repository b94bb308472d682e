package io.warden.daemon.config;

import static io.warden.daemon.config.Cfg.config;
import static io.warden.daemon.config.Cfg.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code maxCnxns} and Warden's own bounds in zoo.cfg: defaults, values, errors naming the line. */
class ClientBoundsTest {

    @Test
    void withoutTheKeysTheDefaultsApply() throws ConfigException {
        assertThat(config("dataDir=/d").clientBounds()).isEqualTo(ClientBounds.DEFAULTS);
        assertThat(ClientBounds.DEFAULTS.handshakeTimeoutMs()).isEqualTo(10_000);
    }

    @Test
    void everyBoundIsReadFromTheFile() throws ConfigException {
        ParsedConfig parsed = parse("dataDir=/d", "clientPort=2181", "maxCnxns=500", "warden.handshakeTimeoutMs=2000",
                "warden.frameTimeoutMs=3000", "warden.outstandingBytesPerConnectionMax=1048576",
                "warden.globalOutstandingBytesMax=67108864", "warden.watchesPerConnectionMax=10");
        assertThat(parsed.config().clientBounds()).isEqualTo(new ClientBounds(500, 2000, 3000, 1 << 20, 64 << 20, 10));
        assertThat(parsed.warnings()).as("known keys, no warnings").isEmpty();
        assertThat(parsed.config().extraKeys()).isEmpty();
    }

    @Test
    void aBadValueStopsWithTheFileLineAndKey() {
        assertThatThrownBy(() -> parse("dataDir=/d", "warden.frameTimeoutMs=0"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("zoo.cfg:2")
                .hasMessageContaining("warden.frameTimeoutMs");
        assertThatThrownBy(() -> parse("dataDir=/d", "", "maxCnxns=-1"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("zoo.cfg:3")
                .hasMessageContaining("maxCnxns");
    }
}
