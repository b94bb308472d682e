package io.warden.daemon.config;

import static io.warden.daemon.config.Cfg.config;
import static io.warden.daemon.config.Cfg.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZooCfgParserTest {

    @Test
    void aFileWithOnlyDataDirGetsZooKeepersDefaults() throws ConfigException {
        ParsedConfig parsed = parse("dataDir=/var/lib/zookeeper");
        ServerConfig c = parsed.config();

        assertThat(c.tickTimeMs()).isEqualTo(3000);
        assertThat(c.initLimitTicks()).isZero();
        assertThat(c.syncLimitTicks()).isZero();
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/zookeeper"));
        assertThat(c.dataLogDir()).isEqualTo(c.dataDir());
        assertThat(c.clientPort()).isEqualTo(2181);
        assertThat(c.clientPortAddress()).isNull();
        assertThat(c.secureClientPort()).isZero();
        assertThat(c.clientPortListenBacklog()).isEqualTo(-1);
        assertThat(c.maxClientCnxns()).isEqualTo(60);
        assertThat(c.minSessionTimeoutMs()).isEqualTo(-1);
        assertThat(c.maxSessionTimeoutMs()).isEqualTo(-1);
        assertThat(c.effectiveMinSessionTimeoutMs()).isEqualTo(6000);
        assertThat(c.effectiveMaxSessionTimeoutMs()).isEqualTo(60000);
        assertThat(c.globalOutstandingLimit()).isEqualTo(1000);
        assertThat(c.snapCount()).isEqualTo(100000);
        assertThat(c.preAllocSizeKiB()).isEqualTo(65536);
        assertThat(c.forceSync()).isTrue();
        assertThat(c.snapRetainCount()).isEqualTo(3);
        assertThat(c.purgeIntervalHours()).isZero();
        assertThat(c.adminServerEnabled()).isFalse();
        assertThat(c.adminServerPort()).isEqualTo(8080);
        assertThat(c.adminServerAddress()).isEqualTo("0.0.0.0");
        assertThat(c.fourLetterWords()).containsExactly("srvr");
        assertThat(c.extendedTypesEnabled()).isFalse();
        assertThat(c.containerCheckIntervalMs()).isEqualTo(60000);
        assertThat(c.containerMaxPerMinute()).isEqualTo(10000);
        assertThat(c.containerMaxNeverUsedIntervalMs()).isZero();
        assertThat(c.juteMaxBufferBytes()).isEqualTo(1048575);
        assertThat(c.enforceQuota()).isFalse();
        assertThat(c.reconfigEnabled()).isFalse();
        assertThat(c.standaloneEnabled()).isTrue();
        assertThat(c.electionAlg()).isEqualTo(3);
        assertThat(c.metricsProviderClassName())
                .isEqualTo("org.apache.zookeeper.metrics.impl.DefaultMetricsProvider");
        assertThat(c.members()).isEmpty();
        assertThat(c.peerType()).isEqualTo(PeerRole.PARTICIPANT);
        assertThat(c.groups()).isEmpty();
        assertThat(c.weights()).isEmpty();
        assertThat(c.dynamicConfigFile()).isNull();
        assertThat(c.extraKeys()).isEmpty();
        assertThat(c.standalone()).isTrue();
        assertThat(parsed.warnings()).containsExactly(
                "zoo.cfg: clientPort is not set; ZooKeeper would serve no client port, Warden listens on 2181");
    }

    @Test
    void zooKeepersSampleConfigParsesWithoutWarnings() throws ConfigException {
        ParsedConfig parsed = parse(
                "# The number of milliseconds of each tick",
                "tickTime=2000",
                "# The number of ticks that the initial",
                "# synchronization phase can take",
                "initLimit=10",
                "syncLimit=5",
                "dataDir=/tmp/zookeeper",
                "clientPort=2181",
                "#maxClientCnxns=60",
                "#autopurge.snapRetainCount=3",
                "#autopurge.purgeInterval=1");

        assertThat(parsed.warnings()).isEmpty();
        ServerConfig c = parsed.config();
        assertThat(c.tickTimeMs()).isEqualTo(2000);
        assertThat(c.initLimitTicks()).isEqualTo(10);
        assertThat(c.syncLimitTicks()).isEqualTo(5);
        assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/zookeeper"));
        assertThat(c.clientPort()).isEqualTo(2181);
        assertThat(c.effectiveMinSessionTimeoutMs()).isEqualTo(4000);
        assertThat(c.effectiveMaxSessionTimeoutMs()).isEqualTo(40000);
    }

    @Test
    void everyKeyIsRead() throws ConfigException {
        ParsedConfig parsed = parse(
                "tickTime=1000",
                "initLimit=7",
                "syncLimit=3",
                "dataDir=/data",
                "dataLogDir=/log",
                "clientPort=2222",
                "clientPortAddress=10.0.0.1",
                "secureClientPort=2281",
                "clientPortListenBacklog=128",
                "maxClientCnxns=0",
                "minSessionTimeout=1500",
                "maxSessionTimeout=90000",
                "globalOutstandingLimit=500",
                "snapCount=5000",
                "preAllocSize=1024",
                "forceSync=no",
                "autopurge.snapRetainCount=5",
                "autopurge.purgeInterval=24",
                "admin.enableServer=false",
                "admin.serverPort=9090",
                "admin.serverAddress=127.0.0.1",
                "4lw.commands.whitelist=stat, ruok, conf",
                "extendedTypesEnabled=true",
                "enforceQuota=true",
                "reconfigEnabled=true",
                "standaloneEnabled=true",
                "electionAlg=3",
                "metricsProvider.className=org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider",
                "peerType=observer");
        ServerConfig c = parsed.config();

        assertThat(c.tickTimeMs()).isEqualTo(1000);
        assertThat(c.initLimitTicks()).isEqualTo(7);
        assertThat(c.syncLimitTicks()).isEqualTo(3);
        assertThat(c.dataDir()).isEqualTo(Path.of("/data"));
        assertThat(c.dataLogDir()).isEqualTo(Path.of("/log"));
        assertThat(c.clientPort()).isEqualTo(2222);
        assertThat(c.clientPortAddress()).isEqualTo("10.0.0.1");
        assertThat(c.secureClientPort()).isEqualTo(2281);
        assertThat(c.clientPortListenBacklog()).isEqualTo(128);
        assertThat(c.maxClientCnxns()).isZero();
        assertThat(c.effectiveMinSessionTimeoutMs()).isEqualTo(1500);
        assertThat(c.effectiveMaxSessionTimeoutMs()).isEqualTo(90000);
        assertThat(c.globalOutstandingLimit()).isEqualTo(500);
        assertThat(c.snapCount()).isEqualTo(5000);
        assertThat(c.preAllocSizeKiB()).isEqualTo(1024);
        assertThat(c.forceSync()).isFalse();
        assertThat(c.snapRetainCount()).isEqualTo(5);
        assertThat(c.purgeIntervalHours()).isEqualTo(24);
        assertThat(c.adminServerEnabled()).isFalse();
        assertThat(c.adminServerPort()).isEqualTo(9090);
        assertThat(c.adminServerAddress()).isEqualTo("127.0.0.1");
        assertThat(c.fourLetterWords()).containsExactly("conf", "ruok", "srvr", "stat");
        assertThat(c.extendedTypesEnabled()).isTrue();
        assertThat(c.enforceQuota()).isTrue();
        assertThat(c.reconfigEnabled()).isTrue();
        assertThat(c.standaloneEnabled()).isTrue();
        assertThat(c.electionAlg()).isEqualTo(3);
        assertThat(c.metricsProviderClassName())
                .isEqualTo("org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider");
        assertThat(c.peerType()).isEqualTo(PeerRole.OBSERVER);
        assertThat(c.extraKeys()).isEmpty();
        assertThat(parsed.warnings()).containsExactly(
                "zoo.cfg line 8: secureClientPort is read but Warden serves no TLS client port yet (ignored)");
    }

    @Test
    void sessionTimeoutsOfMinusOneFollowTheTick() throws ConfigException {
        ServerConfig c = config("dataDir=/d", "tickTime=500", "minSessionTimeout=-1", "maxSessionTimeout=-1");
        assertThat(c.effectiveMinSessionTimeoutMs()).isEqualTo(1000);
        assertThat(c.effectiveMaxSessionTimeoutMs()).isEqualTo(10000);
    }

    @Test
    void clientPortZeroAsksForAnEphemeralPort() throws ConfigException {
        assertThat(config("dataDir=/d", "clientPort=0").clientPort()).isZero();
    }

    @Test
    void zooKeepersOwnBooleansAcceptAnyCase() throws ConfigException {
        assertThat(config("dataDir=/d", "reconfigEnabled=TRUE").reconfigEnabled()).isTrue();
        assertThat(config("dataDir=/d", "reconfigEnabled=False").reconfigEnabled()).isFalse();
        assertThat(config("dataDir=/d", "standaloneEnabled=tRuE").standaloneEnabled()).isTrue();
    }

    @Test
    void peerTypeAcceptsAnyCase() throws ConfigException {
        assertThat(config("dataDir=/d", "peerType=OBSERVER").peerType()).isEqualTo(PeerRole.OBSERVER);
        assertThat(config("dataDir=/d", "peerType=Participant").peerType()).isEqualTo(PeerRole.PARTICIPANT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            tickTime=abc                  | zoo.cfg:2: tickTime: expected a positive integer, got 'abc'
            tickTime=0                    | zoo.cfg:2: tickTime: expected a positive integer, got '0'
            tickTime=-5                   | zoo.cfg:2: tickTime: expected a positive integer, got '-5'
            tickTime=                     | zoo.cfg:2: tickTime: expected a positive integer, got ''
            tickTime=2000 # ms            | zoo.cfg:2: tickTime: expected a positive integer, got '2000 # ms' (zoo.cfg has no end-of-line comments)
            tickTime=99999999999          | zoo.cfg:2: tickTime: expected a positive integer, got '99999999999'
            initLimit=-1                  | zoo.cfg:2: initLimit: expected a non-negative integer, got '-1'
            syncLimit=five                | zoo.cfg:2: syncLimit: expected a non-negative integer, got 'five'
            dataLogDir=                   | zoo.cfg:2: dataLogDir: expected a directory path, got ''
            clientPort=70000              | zoo.cfg:2: clientPort: expected a port number (1-65535, or 0 for any free port), got '70000'
            clientPort=-1                 | zoo.cfg:2: clientPort: expected a port number (1-65535, or 0 for any free port), got '-1'
            clientPortAddress=            | zoo.cfg:2: clientPortAddress: expected a host name or address, got ''
            secureClientPort=65536        | zoo.cfg:2: secureClientPort: expected a port number (1-65535, or 0 for none), got '65536'
            clientPortListenBacklog=0     | zoo.cfg:2: clientPortListenBacklog: expected -1 (the default) or a positive integer, got '0'
            maxClientCnxns=-1             | zoo.cfg:2: maxClientCnxns: expected a non-negative integer (0 = unlimited), got '-1'
            minSessionTimeout=-2          | zoo.cfg:2: minSessionTimeout: expected -1 (the default) or a non-negative number of milliseconds, got '-2'
            maxSessionTimeout=soon        | zoo.cfg:2: maxSessionTimeout: expected -1 (the default) or a non-negative number of milliseconds, got 'soon'
            maxSessionTimeout=1000        | zoo.cfg:2: maxSessionTimeout: minSessionTimeout must not be larger than maxSessionTimeout (6000 ms > 1000 ms)
            electionAlg=1                 | zoo.cfg:2: electionAlg: only electionAlg 3 is supported (as in ZooKeeper 3.6 and later), got '1'
            electionAlg=fast              | zoo.cfg:2: electionAlg: expected an integer, got 'fast'
            standaloneEnabled=yes         | zoo.cfg:2: standaloneEnabled: expected true or false, got 'yes'
            reconfigEnabled=1             | zoo.cfg:2: reconfigEnabled: expected true or false, got '1'
            peerType=leader               | zoo.cfg:2: peerType: expected participant or observer, got 'leader'
            autopurge.snapRetainCount=x   | zoo.cfg:2: autopurge.snapRetainCount: expected an integer, got 'x'
            autopurge.purgeInterval=1.5   | zoo.cfg:2: autopurge.purgeInterval: expected an integer, got '1.5'
            metricsProvider.className=    | zoo.cfg:2: metricsProvider.className: expected a class name, got ''
            globalOutstandingLimit=0      | zoo.cfg:2: globalOutstandingLimit: expected a positive integer, got '0'
            snapCount=many                | zoo.cfg:2: snapCount: expected an integer, got 'many'
            preAllocSize=-1               | zoo.cfg:2: preAllocSize: expected a non-negative number of KiB, got '-1'
            admin.serverPort=65536        | zoo.cfg:2: admin.serverPort: expected a port number (0-65535, 0 for any free port), got '65536'
            admin.serverAddress=          | zoo.cfg:2: admin.serverAddress: expected a host name or address, got ''
            """)
    void aBadValueNamesFileLineAndKey(String line, String message) {
        assertThatThrownBy(() -> parse("dataDir=/d", line))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void minSessionTimeoutAboveMaxBlamesTheMinimum() {
        assertThatThrownBy(() -> parse("dataDir=/d", "maxSessionTimeout=40000", "minSessionTimeout=50000"))
                .hasMessage("zoo.cfg:3: minSessionTimeout: minSessionTimeout must not be larger than"
                        + " maxSessionTimeout (50000 ms > 40000 ms)");
    }

    @Test
    void equalMinAndMaxSessionTimeoutsAreAllowed() throws ConfigException {
        ServerConfig c = config("dataDir=/d", "minSessionTimeout=5000", "maxSessionTimeout=5000");
        assertThat(c.effectiveMinSessionTimeoutMs()).isEqualTo(c.effectiveMaxSessionTimeoutMs());
    }

    @Test
    void dataDirIsRequired() {
        assertThatThrownBy(() -> parse("tickTime=2000", "clientPort=2181"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("zoo.cfg: dataDir is not set");
        assertThatThrownBy(() -> parse()).hasMessage("zoo.cfg: dataDir is not set");
        assertThatThrownBy(() -> parse("dataDir=")).hasMessage("zoo.cfg:1: dataDir: expected a directory path, got ''");
    }

    @Test
    void relativeDirectoriesAreResolvedAgainstTheWorkingDirectory() throws ConfigException {
        ParsedConfig parsed = parse("dataDir=data", "dataLogDir=./log", "clientPort=2181");

        assertThat(parsed.config().dataDir()).isEqualTo(Cfg.WORKING_DIR.resolve("data"));
        assertThat(parsed.config().dataLogDir()).isEqualTo(Cfg.WORKING_DIR.resolve("./log"));
        assertThat(parsed.warnings()).containsExactly("zoo.cfg line 1: dataDir 'data' is relative; using "
                + Cfg.WORKING_DIR.resolve("data") + " (write ./data to say this is intended)");
    }

    @Test
    void unknownKeysAreWarnedAboutAndKept() throws ConfigException {
        ParsedConfig parsed = parse(
                "dataDir=/d", "clientPort=2181", "foo=bar", "skipACL=yes", "empty", "metricsProvider.httpPort=7000");

        assertThat(parsed.config().extraKeys()).containsExactly(
                entry("foo", "bar"), entry("skipACL", "yes"), entry("empty", ""),
                entry("metricsProvider.httpPort", "7000"));
        assertThat(parsed.warnings()).containsExactly(
                "zoo.cfg line 3: unknown key 'foo' (ignored)",
                "zoo.cfg line 4: unknown key 'skipACL' (ignored)",
                "zoo.cfg line 5: unknown key 'empty' (ignored)");
    }

    @Test
    void aRepeatedKeyTakesTheLastValueWithAWarning() throws ConfigException {
        ParsedConfig parsed = parse("dataDir=/d", "clientPort=2181", "tickTime=100", "tickTime=200");

        assertThat(parsed.config().tickTimeMs()).isEqualTo(200);
        assertThat(parsed.warnings())
                .containsExactly("zoo.cfg line 4: key 'tickTime' repeats line 3; the later value wins, as in ZooKeeper");
    }

    @Test
    void aBadValueThatIsOverriddenLaterIsNotAnError() throws ConfigException {
        assertThat(config("dataDir=/d", "tickTime=abc", "tickTime=100").tickTimeMs()).isEqualTo(100);
    }

    @Test
    void snapRetainCountBelowThreeIsRaisedToThreeWithAWarning() throws ConfigException {
        ParsedConfig parsed = parse("dataDir=/d", "clientPort=2181", "autopurge.snapRetainCount=1");

        assertThat(parsed.config().snapRetainCount()).isEqualTo(3);
        assertThat(parsed.warnings()).containsExactly(
                "zoo.cfg line 3: autopurge.snapRetainCount 1 is below the minimum 3; using 3, as ZooKeeper does");
        assertThat(config("dataDir=/d", "autopurge.snapRetainCount=3").snapRetainCount()).isEqualTo(3);
        assertThat(config("dataDir=/d", "autopurge.snapRetainCount=-7").snapRetainCount()).isEqualTo(3);
        assertThat(config("dataDir=/d", "autopurge.snapRetainCount=10").snapRetainCount()).isEqualTo(10);
    }

    @Test
    void aNegativePurgeIntervalTurnsPurgingOffWithAWarning() throws ConfigException {
        ParsedConfig parsed = parse("dataDir=/d", "clientPort=2181", "autopurge.purgeInterval=-1");

        assertThat(parsed.config().purgeIntervalHours()).isZero();
        assertThat(parsed.warnings()).containsExactly(
                "zoo.cfg line 3: autopurge.purgeInterval -1 is negative; purging is off, as in ZooKeeper");
    }

    @Test
    void alternativeSeparatorsAndBlanksAreAccepted() throws ConfigException {
        ServerConfig c = config("  dataDir   /d  ", "tickTime: 1500", "clientPort = 2182", "", "# done");
        assertThat(c.dataDir()).isEqualTo(Path.of("/d"));
        assertThat(c.tickTimeMs()).isEqualTo(1500);
        assertThat(c.clientPort()).isEqualTo(2182);
    }

    @Test
    void parsesAFileReadAsIso88591(@TempDir Path dir) throws IOException, ConfigException {
        Path file = dir.resolve("zoo.cfg");
        String text = "dataDir=" + dir + "\nclientPort=2181\r\nowner=caf\u00e9\n";
        Files.write(file, text.getBytes(StandardCharsets.ISO_8859_1));

        ParsedConfig parsed = ZooCfgParser.parse(file, Map.of());

        assertThat(parsed.config().dataDir()).isEqualTo(dir);
        assertThat(parsed.config().extraKeys()).containsExactly(entry("owner", "caf\u00e9"));
        assertThat(parsed.warnings()).containsExactly(file + " line 3: unknown key 'owner' (ignored)");
    }

    @Test
    void errorsInAFileNameTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("zoo.cfg");
        Files.write(file, List.of("dataDir=/d", "tickTime=abc"), StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> ZooCfgParser.parse(file, Map.of()))
                .hasMessage(file + ":2: tickTime: expected a positive integer, got 'abc'");
    }

    @Test
    void aMissingFileIsAConfigException(@TempDir Path dir) {
        Path file = dir.resolve("nope.cfg");
        assertThatThrownBy(() -> ZooCfgParser.parse(file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": file not found: " + file);
    }

    @Test
    void thePublicLinesEntryPointResolvesAgainstTheCurrentDirectory() throws ConfigException {
        ServerConfig c = ZooCfgParser.parse(List.of("dataDir=./data"), "zoo.cfg", Map.of()).config();
        assertThat(c.dataDir()).isEqualTo(Path.of("").toAbsolutePath().resolve("./data"));
    }
}
