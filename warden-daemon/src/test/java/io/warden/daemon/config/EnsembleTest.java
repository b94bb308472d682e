package io.warden.daemon.config;

import static io.warden.daemon.config.Cfg.config;
import static io.warden.daemon.config.Cfg.parse;
import static io.warden.daemon.config.Cfg.parseWith;
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

class EnsembleTest {

    private static final String[] LIMITS = {"dataDir=/d", "clientPort=2181", "initLimit=10", "syncLimit=5"};

    private static ParsedConfig ensemble(String... serverLines) throws ConfigException {
        return parse(concat(LIMITS, serverLines));
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }

    @Test
    void serverLinesWithAndWithoutClientParts() throws ConfigException {
        ServerConfig c = ensemble(
                "server.3=zk3:2890:3890:observer",
                "server.1=zk1:2888:3888",
                "server.2=zk2:2889:3889:participant;2182",
                "server.4=zk4:2891:3891;10.0.0.4:2184").config();

        assertThat(c.members()).containsExactly(
                new ServerMember(1, "zk1", 2888, 3888, PeerRole.PARTICIPANT, null),
                new ServerMember(2, "zk2", 2889, 3889, PeerRole.PARTICIPANT, new Endpoint(null, 2182)),
                new ServerMember(3, "zk3", 2890, 3890, PeerRole.OBSERVER, null),
                new ServerMember(4, "zk4", 2891, 3891, PeerRole.PARTICIPANT, new Endpoint("10.0.0.4", 2184)));
        assertThat(c.standalone()).isFalse();
    }

    @Test
    void rolesAreReadInAnyCase() throws ConfigException {
        ServerConfig c = ensemble(
                "server.1=a:1:2:PARTICIPANT", "server.2=b:1:2:Participant", "server.3=c:1:2", "server.4=d:1:2:OBSERVER")
                .config();
        assertThat(c.members()).extracting(ServerMember::role).containsExactly(
                PeerRole.PARTICIPANT, PeerRole.PARTICIPANT, PeerRole.PARTICIPANT, PeerRole.OBSERVER);
    }

    @Test
    void ipv6AddressesAreWrittenInBrackets() throws ConfigException {
        ServerConfig c = ensemble(
                "server.1=[::1]:2888:3888;[::1]:2181", "server.2=[fe80::2]:2888:3888", "server.3=h3:2888:3888").config();

        assertThat(c.members().get(0)).isEqualTo(
                new ServerMember(1, "::1", 2888, 3888, PeerRole.PARTICIPANT, new Endpoint("::1", 2181)));
        assertThat(c.members().get(0).toConfigLine()).isEqualTo("server.1=[::1]:2888:3888:participant;[::1]:2181");
        assertThat(c.members().get(1).host()).isEqualTo("fe80::2");
    }

    @Test
    void threeParticipantsRunAsAnEnsembleWithoutWarnings() throws ConfigException {
        ParsedConfig parsed = ensemble("server.1=a:2888:3888", "server.2=b:2888:3888", "server.3=c:2888:3888");
        assertThat(parsed.config().standalone()).isFalse();
        assertThat(parsed.warnings()).isEmpty();
    }

    @Test
    void noServerLinesMeansStandalone() throws ConfigException {
        assertThat(config("dataDir=/d").standalone()).isTrue();
    }

    @Test
    void oneParticipantRunsStandaloneWithAWarningUnlessStandaloneIsDisabled() throws ConfigException {
        ParsedConfig one = parse("dataDir=/d", "clientPort=2181", "server.1=a:2888:3888");
        assertThat(one.config().standalone()).isTrue();
        assertThat(one.warnings()).containsExactly("zoo.cfg: only one server.N line and standaloneEnabled is true;"
                + " running standalone, as ZooKeeper does");

        ParsedConfig replicated = ensemble("standaloneEnabled=false", "server.1=a:2888:3888");
        assertThat(replicated.config().standalone()).isFalse();
    }

    @Test
    void aLoneParticipantMayHaveObserversWhenStandaloneIsDisabled() throws ConfigException {
        ParsedConfig parsed =
                ensemble("standaloneEnabled=false", "server.1=a:2888:3888", "server.2=b:2888:3888:observer");
        assertThat(parsed.config().standalone()).isFalse();
        assertThat(parsed.warnings()).containsExactly(
                "zoo.cfg: with 1 participant no server failure is tolerated; 3 or more are needed for that");
    }

    @Test
    void fewOrEvenParticipantsGiveAWarning() throws ConfigException {
        assertThat(ensemble("server.1=a:2888:3888", "server.2=b:2888:3888").warnings()).containsExactly(
                "zoo.cfg: with 2 participants no server failure is tolerated; 3 or more are needed for that");
        assertThat(ensemble("server.1=a:1:2", "server.2=b:1:2", "server.3=c:1:2", "server.4=d:1:2").warnings())
                .containsExactly("zoo.cfg: 4 participants tolerate no more failures than 3; an odd number is recommended");
        assertThat(ensemble("server.1=a:1:2", "server.2=b:1:2", "server.3=c:1:2", "server.4=d:1:2:observer")
                .warnings()).isEmpty();
    }

    @Test
    void anEnsembleNeedsInitLimitAndSyncLimit() {
        assertThatThrownBy(() -> parse("dataDir=/d", "syncLimit=2", "server.1=a:1:2", "server.2=b:1:2"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("zoo.cfg: initLimit is not set (it is required for an ensemble)");
        assertThatThrownBy(() -> parse("dataDir=/d", "initLimit=5", "server.1=a:1:2", "server.2=b:1:2"))
                .hasMessage("zoo.cfg: syncLimit is not set (it is required for an ensemble)");
        assertThatThrownBy(() -> parse("dataDir=/d", "initLimit=0", "syncLimit=2", "server.1=a:1:2", "server.2=b:1:2"))
                .hasMessage("zoo.cfg:2: initLimit: expected a positive number of ticks for an ensemble, got '0'");
    }

    @Test
    void observersNeedParticipants() {
        assertThatThrownBy(() -> parse("dataDir=/d", "server.2=b:1:2:observer"))
                .hasMessage("zoo.cfg: the server.N lines list observers but no participant");
        assertThatThrownBy(() -> parse("dataDir=/d", "server.1=a:1:2", "server.2=b:3:4:observer"))
                .hasMessage("zoo.cfg: observers need at least two participants, or standaloneEnabled=false");
    }

    @Test
    void disablingStandaloneNeedsAParticipant() {
        assertThatThrownBy(() -> parse("dataDir=/d", "standaloneEnabled=false"))
                .hasMessage("zoo.cfg: standaloneEnabled is false, so at least one participant server.N line is needed");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiterString = "=>", textBlock = """
            server.x=a:2888:3888                => zoo.cfg:5: server.x: expected a server id (a non-negative integer) after 'server.', got 'x'
            server.-1=a:2888:3888               => zoo.cfg:5: server.-1: expected a server id (a non-negative integer) after 'server.', got '-1'
            server.=a:2888:3888                 => zoo.cfg:5: server.: expected a server id (a non-negative integer) after 'server.', got ''
            server.99999999999999999999=a:1:2   => zoo.cfg:5: server.99999999999999999999: server id too large: '99999999999999999999'
            server.1=a:2888                     => zoo.cfg:5: server.1: expected host:peerPort:electionPort[:participant|observer][;[clientHost:]clientPort], got 'a:2888'
            server.1=a:1:2:observer:5           => zoo.cfg:5: server.1: expected host:peerPort:electionPort[:participant|observer][;[clientHost:]clientPort], got 'a:1:2:observer:5'
            server.1=a:1:2;3;4                  => zoo.cfg:5: server.1: expected host:peerPort:electionPort[:participant|observer][;[clientHost:]clientPort], got 'a:1:2;3;4'
            server.1=a:1:2;h:3:4                => zoo.cfg:5: server.1: expected host:peerPort:electionPort[:participant|observer][;[clientHost:]clientPort], got 'a:1:2;h:3:4'
            server.1=                           => zoo.cfg:5: server.1: expected host:peerPort:electionPort[:participant|observer][;[clientHost:]clientPort], got ''
            server.1=a:x:3888                   => zoo.cfg:5: server.1: expected a port number (1-65535), got 'x'
            server.1=a:0:3888                   => zoo.cfg:5: server.1: expected a port number (1-65535), got '0'
            server.1=a:2888:65536               => zoo.cfg:5: server.1: expected a port number (1-65535), got '65536'
            server.1=a:2888:3888;x              => zoo.cfg:5: server.1: expected a port number (1-65535), got 'x'
            server.1=a:2888:3888;               => zoo.cfg:5: server.1: expected a port number (1-65535), got ''
            server.1=a : 2888 : 3888            => zoo.cfg:5: server.1: expected a host name or address, got 'a '
            server.1=:2888:3888                 => zoo.cfg:5: server.1: expected a host name or address, got ''
            server.1=a:2888:3888:leader         => zoo.cfg:5: server.1: expected the role participant or observer, got 'leader'
            server.1=a:2888:2888                => zoo.cfg:5: server.1: the peer port and the election port must differ, got 'a:2888:2888'
            server.1=a:1:2|b:1:2                => zoo.cfg:5: server.1: multiple addresses per server ('|') are not supported, got 'a:1:2|b:1:2'
            server.1=[::1:2888:3888             => zoo.cfg:5: server.1: unterminated '[' in '[::1:2888:3888'
            server.1=[::1]2888:3888             => zoo.cfg:5: server.1: expected host:peerPort:electionPort[:participant|observer][;[clientHost:]clientPort], got '[::1]2888:3888'
            """)
    void aBadServerLineNamesFileLineAndKey(String line, String message) {
        assertThatThrownBy(() -> ensemble(line, "server.7=g:1:2", "server.8=h:1:2"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void aServerIdMayBeDefinedOnlyOnce() {
        assertThatThrownBy(() -> ensemble("server.1=a:2888:3888", "server.01=b:2888:3888", "server.2=c:2888:3888"))
                .hasMessage("zoo.cfg:6: server.01: server id 1 is already defined by server.1 (zoo.cfg line 5)");
    }

    @Test
    void twoServersCannotShareAnAddress() {
        assertThatThrownBy(() -> ensemble("server.1=a:2888:3888", "server.2=A:3888:3999", "server.3=c:2888:3888"))
                .hasMessage("zoo.cfg:6: server.2: address A:3888 is already used by server.1");
    }

    @Test
    void oneHostMayRunSeveralServersOnDifferentPorts() throws ConfigException {
        ServerConfig c = ensemble(
                "server.1=localhost:2888:3888;2181", "server.2=localhost:2889:3889;2182", "server.3=localhost:2890:3890;2183")
                .config();
        assertThat(c.members()).hasSize(3);
    }

    @Test
    void withExtendedTypesServerIdsStopAt254() throws ConfigException {
        assertThat(ensemble("extendedTypesEnabled=true", "server.254=a:1:2", "server.0=b:1:2", "server.3=c:1:2")
                .config().members()).hasSize(3);
        assertThat(ensemble("server.255=a:1:2", "server.1=b:1:2", "server.2=c:1:2").config().members()).hasSize(3);

        assertThatThrownBy(() -> ensemble("server.255=a:1:2", "server.1=b:1:2", "server.2=c:1:2", "extendedTypesEnabled=true"))
                .hasMessage("zoo.cfg:5: server.255: extendedTypesEnabled is true, so server ids cannot be larger"
                        + " than 254, got 255");
        assertThatThrownBy(() -> parseWith(Map.of("zookeeper.extendedTypesEnabled", "true"),
                        concat(LIMITS, "server.300=a:1:2", "server.1=b:1:2", "server.2=c:1:2")))
                .hasMessageContaining("server ids cannot be larger than 254, got 300");
    }

    @Test
    void groupsAndWeightsAreKeptRawWithAWarningThatTheyHaveNoEffect() throws ConfigException {
        ParsedConfig parsed = ensemble(
                "server.1=a:1:2", "server.2=b:1:2", "server.3=c:1:2",
                "group.1=1:2:3", "weight.1=1", "weight.2=1", "weight.3=0");
        assertThat(parsed.config().groups()).containsExactly(entry("1", "1:2:3"));
        assertThat(parsed.config().weights()).containsExactly(entry("1", "1"), entry("2", "1"), entry("3", "0"));
        assertThat(parsed.config().extraKeys()).isEmpty();
        assertThat(parsed.warnings()).singleElement().asString()
                .startsWith("zoo.cfg line ").contains("hierarchical quorums").contains("4 lines")
                .contains("majority of all participants");
    }

    @Test
    void clientAddressComesFromTheServerLineWhenItHasOne() throws ConfigException {
        ServerConfig c = ensemble(
                "clientPortAddress=10.1.1.1", "server.1=a:1:2;10.0.0.1:2191", "server.2=b:1:2;2192", "server.3=c:1:2")
                .config();

        assertThat(c.clientAddressFor(1)).isEqualTo(new Endpoint("10.0.0.1", 2191));
        assertThat(c.clientAddressFor(2)).isEqualTo(new Endpoint(null, 2192));
        assertThat(c.clientAddressFor(3)).isEqualTo(new Endpoint("10.1.1.1", 2181));
        assertThat(c.clientAddressFor(9)).isEqualTo(new Endpoint("10.1.1.1", 2181));
        assertThat(c.member(2)).map(ServerMember::host).contains("b");
        assertThat(c.member(9)).isEmpty();
    }

    @Test
    void noClientPortWarningWhenServerLinesNameClientPorts() throws ConfigException {
        ParsedConfig parsed = parse("dataDir=/d", "initLimit=5", "syncLimit=2",
                "server.1=a:1:2;2181", "server.2=b:1:2;2181", "server.3=c:1:2;2181");
        assertThat(parsed.warnings()).isEmpty();
    }

    @Test
    void membersComeFromTheDynamicConfigFile(@TempDir Path dir) throws IOException, ConfigException {
        Path dynamic = dir.resolve("zoo.cfg.dynamic.100000000");
        Files.write(dynamic, List.of(
                "server.1=a:2888:3888:participant;0.0.0.0:2181",
                "server.2=b:2888:3888:participant;0.0.0.0:2181",
                "server.3=c:2888:3888:observer;0.0.0.0:2181",
                "foo=bar"), StandardCharsets.ISO_8859_1);

        ParsedConfig parsed = ZooCfgParser.parse(
                List.of("dataDir=/d", "initLimit=5", "syncLimit=2", "dynamicConfigFile=zoo.cfg.dynamic.100000000"),
                "zoo.cfg", Map.of(), dir);

        assertThat(parsed.config().dynamicConfigFile()).isEqualTo(dynamic);
        assertThat(parsed.config().members()).extracting(ServerMember::id).containsExactly(1L, 2L, 3L);
        assertThat(parsed.config().members().get(2).clientAddress()).isEqualTo(new Endpoint("0.0.0.0", 2181));
        assertThat(parsed.warnings()).containsExactly(dynamic + " line 4: key 'foo' has no meaning in a dynamic"
                + " configuration file (ignored)", "zoo.cfg: with 2 participants no server failure is tolerated;"
                + " 3 or more are needed for that");
    }

    @Test
    void errorsInTheDynamicFileNameThatFile(@TempDir Path dir) throws IOException {
        Path dynamic = dir.resolve("zoo.cfg.dynamic");
        Files.write(dynamic, List.of("server.1=a:2888:3888", "server.2=b:oops:3888"), StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> ZooCfgParser.parse(
                        List.of("dataDir=/d", "dynamicConfigFile=" + dynamic), "zoo.cfg", Map.of(), dir))
                .hasMessage(dynamic + ":2: server.2: expected a port number (1-65535), got 'oops'");
    }

    @Test
    void theDynamicFileMustNotSetTheVersion(@TempDir Path dir) throws IOException {
        Path dynamic = dir.resolve("zoo.cfg.dynamic");
        Files.write(dynamic, List.of("server.1=a:2888:3888", "version=100000000"), StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> ZooCfgParser.parse(
                        List.of("dataDir=/d", "dynamicConfigFile=" + dynamic), "zoo.cfg", Map.of(), dir))
                .hasMessage(dynamic + ":2: version: a dynamic configuration file must not set the version;"
                        + " ZooKeeper takes it from the file name");
    }

    @Test
    void aMissingDynamicFileNamesTheLineThatNamesIt(@TempDir Path dir) {
        Path missing = dir.resolve("gone.dynamic");
        assertThatThrownBy(() -> ZooCfgParser.parse(
                        List.of("dataDir=/d", "dynamicConfigFile=" + missing), "zoo.cfg", Map.of(), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessage("zoo.cfg:2: dynamicConfigFile: file not found: " + missing);
    }

    @Test
    void withADynamicFileTheStaticFileMustNotListServers(@TempDir Path dir) {
        assertThatThrownBy(() -> ZooCfgParser.parse(
                        List.of("dataDir=/d", "dynamicConfigFile=x.dynamic", "server.1=a:1:2"), "zoo.cfg", Map.of(), dir))
                .hasMessage("zoo.cfg:3: server.1: must be in the dynamic configuration file, since dynamicConfigFile is set");
        assertThatThrownBy(() -> ZooCfgParser.parse(
                        List.of("dataDir=/d", "dynamicConfigFile=x.dynamic", "weight.1=1"), "zoo.cfg", Map.of(), dir))
                .hasMessage("zoo.cfg:3: weight.1: must be in the dynamic configuration file, since dynamicConfigFile is set");
    }
}
