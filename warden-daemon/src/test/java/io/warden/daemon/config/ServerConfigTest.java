package io.warden.daemon.config;

import static io.warden.daemon.config.Cfg.config;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {

    @Test
    void defaultsServeLocalhostOnly2181WithZooKeepersOtherDefaults() throws ConfigException {
        ServerConfig c = ServerConfig.defaults(Path.of("./data"));

        assertThat(c.clientPort()).isEqualTo(2181);
        assertThat(c.clientPortAddress()).isEqualTo("127.0.0.1");
        assertThat(c.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(c.dataLogDir()).isEqualTo(Path.of("./data"));
        assertThat(c.standalone()).isTrue();

        ServerConfig fromFile = config("dataDir=./data", "clientPort=2181", "clientPortAddress=127.0.0.1");
        assertThat(c).usingRecursiveComparison()
                .ignoringFields("dataDir", "dataLogDir")
                .isEqualTo(fromFile);
    }

    @Test
    void withClientPortChangesOnlyTheClientPort() {
        ServerConfig original = ServerConfig.defaults(Path.of("/d"));
        ServerConfig copy = original.withClientPort(0);

        assertThat(copy.clientPort()).isZero();
        assertThat(original.clientPort()).isEqualTo(2181);
        assertThat(copy).usingRecursiveComparison().ignoringFields("clientPort").isEqualTo(original);
        assertThat(copy.withClientPort(2181)).isEqualTo(original);
        assertThatThrownBy(() -> original.withClientPort(65536)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> original.withClientPort(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void collectionsAreImmutableAndMembersSortedById() throws ConfigException {
        ServerConfig c = config("dataDir=/d", "initLimit=5", "syncLimit=2", "x=1",
                "server.3=c:1:2", "server.1=a:1:2", "server.2=b:1:2", "4lw.commands.whitelist=stat,conf");

        assertThat(c.members()).extracting(ServerMember::id).containsExactly(1L, 2L, 3L);
        assertThat(c.fourLetterWords()).containsExactly("conf", "srvr", "stat");
        assertThatThrownBy(() -> c.members().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.fourLetterWords().add("dump")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.extraKeys().put("y", "2")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> c.groups().put("1", "1")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void dataDirIsRequiredAndDataLogDirDefaultsToIt() {
        ServerConfig c = ServerConfig.defaults(Path.of("/d"));
        assertThat(c.dataLogDir()).isEqualTo(Path.of("/d"));
        assertThatThrownBy(() -> ServerConfig.defaults(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void describePrintsZooKeepersConfLinesForAStandaloneServer() throws ConfigException {
        ServerConfig c = config("dataDir=/var/zk", "dataLogDir=/var/zklog", "tickTime=2000", "clientPort=2181");

        assertThat(c.describe(67108880L, 1024L, 0)).containsExactly(
                "clientPort=2181",
                "secureClientPort=-1",
                "dataDir=/var/zk/version-2",
                "dataDirSize=67108880",
                "dataLogDir=/var/zklog/version-2",
                "dataLogSize=1024",
                "tickTime=2000",
                "maxClientCnxns=60",
                "minSessionTimeout=4000",
                "maxSessionTimeout=40000",
                "clientPortListenBacklog=-1",
                "serverId=0");
    }

    @Test
    void describeShowsTheBoundPortOfACopy() {
        List<String> lines = ServerConfig.defaults(Path.of("/d")).withClientPort(0).withClientPort(40123)
                .describe(0, 0, 0);
        assertThat(lines.get(0)).isEqualTo("clientPort=40123");
        assertThat(lines.get(2)).isEqualTo("dataDir=/d/version-2");
    }

    @Test
    void describeAddsTheQuorumLinesInAnEnsemble() throws ConfigException {
        ServerConfig c = config("dataDir=/var/zk", "initLimit=10", "syncLimit=5", "tickTime=2000",
                "server.1=zk1:2888:3888;2181", "server.2=zk2:2888:3888", "server.3=zk3:2888:3888:observer",
                "server.4=zk4:2888:3888");

        assertThat(c.describe(1, 2, 3)).containsExactly(
                "clientPort=2181",
                "secureClientPort=-1",
                "dataDir=/var/zk/version-2",
                "dataDirSize=1",
                "dataLogDir=/var/zk/version-2",
                "dataLogSize=2",
                "tickTime=2000",
                "maxClientCnxns=60",
                "minSessionTimeout=4000",
                "maxSessionTimeout=40000",
                "clientPortListenBacklog=-1",
                "serverId=3",
                "initLimit=10",
                "syncLimit=5",
                "electionAlg=3",
                "electionPort=3888",
                "quorumPort=2888",
                "peerType=1",
                "membership: ",
                "server.1=zk1:2888:3888:participant;0.0.0.0:2181",
                "server.2=zk2:2888:3888:participant",
                "server.3=zk3:2888:3888:observer",
                "server.4=zk4:2888:3888:participant",
                "version=0");
    }

    @Test
    void theMembershipVersionComesFromTheDynamicFileName() {
        assertThat(ConfLines.configVersion(Path.of("/etc/zk/zoo.cfg.dynamic.100000000"))).isEqualTo(0x100000000L);
        assertThat(ConfLines.configVersion(Path.of("zoo.cfg.dynamic"))).isZero();
        assertThat(ConfLines.configVersion(Path.of("zoo.cfg.dynamic."))).isZero();
        assertThat(ConfLines.configVersion(null)).isZero();
    }

    @Test
    void standaloneFollowsZooKeepersRule() throws ConfigException {
        assertThat(config("dataDir=/d").standalone()).isTrue();
        assertThat(config("dataDir=/d", "server.1=a:1:2").standalone()).isTrue();
        assertThat(config("dataDir=/d", "standaloneEnabled=false", "initLimit=1", "syncLimit=1", "server.1=a:1:2")
                .standalone()).isFalse();
        assertThat(config("dataDir=/d", "initLimit=1", "syncLimit=1", "server.1=a:1:2", "server.2=b:1:2")
                .standalone()).isFalse();
    }

    @Test
    void endpointsPrintLikeZooKeeper() {
        assertThat(new Endpoint(null, 2181)).hasToString("0.0.0.0:2181");
        assertThat(new Endpoint("::1", 2181)).hasToString("[::1]:2181");
        assertThat(new Endpoint("zk1", 2181)).hasToString("zk1:2181");
    }

    @Test
    void parsedConfigCopiesItsWarnings() {
        List<String> warnings = new java.util.ArrayList<>(List.of("w"));
        ParsedConfig parsed = new ParsedConfig(ServerConfig.defaults(Path.of("/d")), warnings);
        warnings.add("later");
        assertThat(parsed.warnings()).containsExactly("w");
    }

    @Test
    void extraKeysKeepFileOrder() throws ConfigException {
        ServerConfig c = config("dataDir=/d", "zeta=1", "alpha=2", "mid=3");
        assertThat(c.extraKeys()).containsExactly(Map.entry("zeta", "1"), Map.entry("alpha", "2"), Map.entry("mid", "3"));
    }
}
