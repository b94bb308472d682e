package io.warden.daemon.config;

import static io.warden.daemon.config.Cfg.parseWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which wins, zoo.cfg or a Java system property: ZooKeeper 3.9's answer for each setting. */
class SystemPropertyPrecedenceTest {

    private static final String[] BASE = {"dataDir=/d", "clientPort=2181"};

    private static ServerConfig config(Map<String, String> systemProperties, String... extraLines)
            throws ConfigException {
        return parse(systemProperties, extraLines).config();
    }

    private static ParsedConfig parse(Map<String, String> systemProperties, String... extraLines)
            throws ConfigException {
        String[] lines = Stream.concat(Stream.of(BASE), Stream.of(extraLines)).toArray(String[]::new);
        return parseWith(systemProperties, lines);
    }

    static Stream<Arguments> zookeeperPrefixedSettings() {
        return Stream.of(
                Arguments.of("globalOutstandingLimit", "10", "20", get(ServerConfig::globalOutstandingLimit), 10, 20, 1000),
                Arguments.of("snapCount", "10", "20", get(ServerConfig::snapCount), 10, 20, 100000),
                Arguments.of("snapSizeLimitInKb", "10", "20", get(ServerConfig::snapSizeLimitKiB), 10L, 20L, -1L),
                Arguments.of("preAllocSize", "10", "20", get(ServerConfig::preAllocSizeKiB), 10L, 20L, 65536L),
                Arguments.of("forceSync", "no", "yes", get(ServerConfig::forceSync), false, true, true),
                Arguments.of("extendedTypesEnabled", "true", "false", get(ServerConfig::extendedTypesEnabled), true, false, false),
                Arguments.of("enforceQuota", "false", "true", get(ServerConfig::enforceQuota), false, true, false),
                Arguments.of("admin.enableServer", "false", "true", get(ServerConfig::adminServerEnabled), false, true, false),
                Arguments.of("admin.serverPort", "9001", "9002", get(ServerConfig::adminServerPort), 9001, 9002, 8080),
                Arguments.of("admin.serverAddress", "10.0.0.1", "10.0.0.2", get(ServerConfig::adminServerAddress), "10.0.0.1", "10.0.0.2", "0.0.0.0"),
                Arguments.of("4lw.commands.whitelist", "ruok", "stat", get(c -> String.join(",", c.fourLetterWords())), "ruok,srvr", "srvr,stat", "srvr"));
    }

    private static Function<ServerConfig, Object> get(Function<ServerConfig, Object> accessor) {
        return accessor;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zookeeperPrefixedSettings")
    void theFileWinsOverTheZookeeperPrefixedPropertyWhichWinsOverTheDefault(
            String key, String fileValue, String propertyValue, Function<ServerConfig, Object> read,
            Object fromFile, Object fromProperty, Object byDefault) throws ConfigException {
        Map<String, String> property = Map.of("zookeeper." + key, propertyValue);

        assertThat(read.apply(config(property, key + "=" + fileValue))).isEqualTo(fromFile);
        assertThat(read.apply(config(property))).isEqualTo(fromProperty);
        assertThat(read.apply(config(Map.of()))).isEqualTo(byDefault);
        assertThat(read.apply(config(Map.of(key, propertyValue))))
                .as("the unprefixed property is not read")
                .isEqualTo(byDefault);
    }

    @Test
    void keysZooKeepersParserHandlesIgnoreSystemProperties() throws ConfigException {
        ServerConfig c = config(Map.of(
                "zookeeper.tickTime", "1000", "tickTime", "1000",
                "zookeeper.maxClientCnxns", "5", "zookeeper.dataDir", "/elsewhere",
                "zookeeper.standaloneEnabled", "false", "zookeeper.clientPort", "3000"));

        assertThat(c.tickTimeMs()).isEqualTo(3000);
        assertThat(c.maxClientCnxns()).isEqualTo(60);
        assertThat(c.dataDir()).hasToString("/d");
        assertThat(c.standaloneEnabled()).isTrue();
        assertThat(c.clientPort()).isEqualTo(2181);
    }

    @Test
    void propertyOnlySettingsComeFromTheirUnprefixedProperty() throws ConfigException {
        ServerConfig c = config(Map.of(
                "jute.maxbuffer", "4194304",
                "znode.container.checkIntervalMs", "1000",
                "znode.container.maxPerMinute", "50",
                "znode.container.maxNeverUsedIntervalMs", "30000"));

        assertThat(c.juteMaxBufferBytes()).isEqualTo(4194304);
        assertThat(c.containerCheckIntervalMs()).isEqualTo(1000);
        assertThat(c.containerMaxPerMinute()).isEqualTo(50);
        assertThat(c.containerMaxNeverUsedIntervalMs()).isEqualTo(30000);
    }

    @Test
    void unprefixedSettingsInTheFileTakeEffectButThePropertyWins() throws ConfigException {
        ParsedConfig parsed = parse(
                Map.of("jute.maxbuffer", "2000000", "zookeeper.znode.container.maxPerMinute", "1"),
                "jute.maxbuffer=5", "znode.container.maxPerMinute=7");

        assertThat(parsed.config().juteMaxBufferBytes()).as("the system property wins").isEqualTo(2000000);
        assertThat(parsed.config().containerMaxPerMinute()).as("the file counts without a property").isEqualTo(7);
        assertThat(parsed.config().extraKeys()).isEmpty();
        assertThat(parsed.warnings()).containsExactly(
                "zoo.cfg line 4: znode.container.maxPerMinute is read from the configuration file; note that"
                        + " ZooKeeper itself reads it only as the Java system property znode.container.maxPerMinute");
    }

    @Test
    void readOnlyModeStaysAPropertyOnlySetting() throws ConfigException {
        ParsedConfig parsed = parse(Map.of(), "readonlymode.enabled=true");
        assertThat(parsed.config().fourLetterWords()).doesNotContain("isro");
    }

    @Test
    void thePlantedBugComesOnlyFromItsSystemPropertyAndAnyOtherValueStopsStartup() throws ConfigException {
        assertThat(config(Map.of()).plantedBug()).isEqualTo(PlantedBug.NONE);
        assertThat(config(Map.of("warden.plantedBug", "")).plantedBug()).isEqualTo(PlantedBug.NONE);
        ServerConfig planted = config(Map.of("warden.plantedBug", "follower-local-sync"));
        assertThat(planted.plantedBug()).isEqualTo(PlantedBug.FOLLOWER_LOCAL_SYNC);
        assertThat(planted.withClientPort(0).plantedBug()).as("kept by a copy")
                .isEqualTo(PlantedBug.FOLLOWER_LOCAL_SYNC);

        ParsedConfig inTheFile = parse(Map.of(), "warden.plantedBug=follower-local-sync");
        assertThat(inTheFile.config().plantedBug()).as("never from the file").isEqualTo(PlantedBug.NONE);
        assertThat(inTheFile.warnings()).containsExactly("zoo.cfg line 3: unknown key 'warden.plantedBug' (ignored)");

        assertThatThrownBy(() -> config(Map.of("warden.plantedBug", "Follower-Local-Sync")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("system property warden.plantedBug: expected follower-local-sync (a bug planted for the"
                        + " fault harness, never for production) or nothing, got 'Follower-Local-Sync'");
    }

    @Test
    void aBadSystemPropertyNamesTheProperty() {
        assertThatThrownBy(() -> config(Map.of("zookeeper.snapCount", "lots")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("system property zookeeper.snapCount: expected an integer, got 'lots'");
        assertThatThrownBy(() -> config(Map.of("jute.maxbuffer", "0")))
                .hasMessage("system property jute.maxbuffer: expected a positive number of bytes, got '0'");
        assertThatThrownBy(() -> config(Map.of("zookeeper.admin.serverPort", "http")))
                .hasMessage("system property zookeeper.admin.serverPort: expected a port number (0-65535, 0 for any free port), got 'http'");
        assertThatThrownBy(() -> config(Map.of("znode.container.checkIntervalMs", "0")))
                .hasMessage("system property znode.container.checkIntervalMs: expected a positive number of"
                        + " milliseconds, got '0'");
        assertThatThrownBy(() -> config(Map.of("znode.container.maxNeverUsedIntervalMs", "-1")))
                .hasMessage("system property znode.container.maxNeverUsedIntervalMs: expected a non-negative number of"
                        + " milliseconds, got '-1'");
    }

    @Test
    void aBadSystemPropertyIsNoErrorWhenTheFileOverridesIt() throws ConfigException {
        assertThat(config(Map.of("zookeeper.snapCount", "lots"), "snapCount=50").snapCount()).isEqualTo(50);
    }

    @Test
    void systemPropertyValuesAreTrimmed() throws ConfigException {
        assertThat(config(Map.of("zookeeper.globalOutstandingLimit", " 42 ")).globalOutstandingLimit()).isEqualTo(42);
    }

    @Test
    void onlyExactlyNoTurnsForceSyncOff() throws ConfigException {
        assertThat(config(Map.of(), "forceSync=no").forceSync()).isFalse();
        assertThat(parse(Map.of(), "forceSync=yes").warnings()).isEmpty();

        ParsedConfig upperCase = parse(Map.of(), "forceSync=No");
        assertThat(upperCase.config().forceSync()).isTrue();
        assertThat(upperCase.warnings()).containsExactly("zoo.cfg line 3: forceSync 'No' is neither 'yes' nor"
                + " 'no'; as in ZooKeeper, only 'no' turns fsync off, so fsync stays on");
        assertThat(config(Map.of(), "forceSync=false").forceSync()).isTrue();
    }

    @Test
    void onlyExactlyTrueEnablesTheAdminServer() throws ConfigException {
        assertThat(config(Map.of(), "admin.enableServer=true").adminServerEnabled()).isTrue();
        assertThat(config(Map.of(), "admin.enableServer=false").adminServerEnabled()).isFalse();

        ParsedConfig upperCase = parse(Map.of(), "admin.enableServer=TRUE");
        assertThat(upperCase.config().adminServerEnabled()).isFalse();
        assertThat(upperCase.warnings()).containsExactly("zoo.cfg line 3: admin.enableServer 'TRUE' is neither"
                + " 'true' nor 'false'; only 'true' enables the AdminServer, so it stays disabled");
    }

    @Test
    void extendedTypesAndQuotaFollowBooleanParseBoolean() throws ConfigException {
        assertThat(config(Map.of(), "extendedTypesEnabled=TRUE").extendedTypesEnabled()).isTrue();
        assertThat(config(Map.of("zookeeper.enforceQuota", "True")).enforceQuota()).isTrue();

        ParsedConfig yes = parse(Map.of(), "extendedTypesEnabled=yes");
        assertThat(yes.config().extendedTypesEnabled()).isFalse();
        assertThat(yes.warnings()).containsExactly(
                "zoo.cfg line 3: extendedTypesEnabled 'yes' is neither true nor false; ZooKeeper reads it as false");

        ParsedConfig fromProperty = parse(Map.of("zookeeper.enforceQuota", "on"));
        assertThat(fromProperty.config().enforceQuota()).isFalse();
        assertThat(fromProperty.warnings()).containsExactly(
                "system property zookeeper.enforceQuota: enforceQuota 'on' is neither true nor false;"
                        + " ZooKeeper reads it as false");
    }

    @Test
    void snapCountBelowTwoIsRaisedToTwoWithAWarning() throws ConfigException {
        ParsedConfig parsed = parse(Map.of(), "snapCount=1");
        assertThat(parsed.config().snapCount()).isEqualTo(2);
        assertThat(parsed.warnings())
                .containsExactly("zoo.cfg line 3: snapCount 1 is below 2; using 2, as ZooKeeper does");

        ParsedConfig fromProperty = parse(Map.of("zookeeper.snapCount", "0"));
        assertThat(fromProperty.config().snapCount()).isEqualTo(2);
        assertThat(fromProperty.warnings())
                .containsExactly("system property zookeeper.snapCount: snapCount 0 is below 2; using 2, as ZooKeeper does");
    }

    @Test
    void snapSizeLimitInKbThatWouldTurnTheLimitOffKeepsTheDefaultWithAWarning() throws ConfigException {
        ParsedConfig parsed = parse(Map.of(), "snapSizeLimitInKb=0");
        assertThat(parsed.config().snapSizeLimitKiB()).isEqualTo(-1);
        assertThat(parsed.warnings()).containsExactly("zoo.cfg line 3: snapSizeLimitInKb 0 would turn the limit off;"
                + " Warden keeps the transactions since the last snapshot in memory, so it uses its default");

        assertThatThrownBy(() -> config(Map.of(), "snapSizeLimitInKb=lots"))
                .hasMessage("zoo.cfg:3: snapSizeLimitInKb: expected an integer, got 'lots'");
    }

    @Test
    void preAllocSizeZeroTurnsPreallocationOff() throws ConfigException {
        assertThat(config(Map.of(), "preAllocSize=0").preAllocSizeKiB()).isZero();
    }

    @Test
    void nullKeysAndValuesInThePropertyMapAreIgnored() throws ConfigException {
        Map<String, String> withNull = new java.util.HashMap<>();
        withNull.put("zookeeper.snapCount", null);
        assertThat(config(withNull).snapCount()).isEqualTo(100000);
    }
}
