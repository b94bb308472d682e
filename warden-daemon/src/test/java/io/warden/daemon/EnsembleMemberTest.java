package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.warden.daemon.config.ConfigException;
import io.warden.daemon.config.ServerConfig;
import io.warden.daemon.config.ZooCfgParser;
import io.warden.zab.ZabConfig;

/** What an ensemble member takes from its configuration and its myid file. */
class EnsembleMemberTest {
    @TempDir
    Path dir;

    private ServerConfig config(String... extra) throws ConfigException {
        List<String> lines = new java.util.ArrayList<>(List.of("tickTime=500", "initLimit=7", "syncLimit=3",
                "dataDir=" + dir.resolve("data"), "server.1=127.0.0.1:2888:3888", "server.2=127.0.0.1:2889:3889",
                "server.3=127.0.0.1:2890:3890", "server.4=127.0.0.1:2891:3891:observer"));
        lines.addAll(List.of(extra));
        return ZooCfgParser.parse(lines, "zoo.cfg", Map.of()).config();
    }

    @Test
    void theConsensusConfigurationHasTheVotersObserversAndLimitsOfTheFile() throws Exception {
        ZabConfig zab = EnsembleMember.zabConfig(config(), 2);
        assertThat(zab.myId()).isEqualTo(2);
        assertThat(zab.voters()).containsExactly(1L, 2L, 3L);
        assertThat(zab.observers()).containsExactly(4L);
        assertThat(zab.initLimitTicks()).isEqualTo(7);
        assertThat(zab.syncLimitTicks()).isEqualTo(3);
        assertThat(EnsembleMember.zabConfig(config(), 4).isObserver()).isTrue();
    }

    @Test
    void aLeaderHoldsTwiceSnapSizeLimitInKbInMemoryAtMost() throws Exception {
        assertThat(EnsembleMember.zabConfig(config("snapSizeLimitInKb=1024"), 1).retainedBytesMax())
                .isEqualTo(2L << 20);
        long heapMaxBytes = Runtime.getRuntime().maxMemory();
        assertThat(EnsembleMember.zabConfig(config(), 1).retainedBytesMax()).as("an eighth of this JVM's heap")
                .isEqualTo(2 * Math.min(4L << 30, heapMaxBytes / 16));
    }

    @Test
    void whatWaitsForTheDriverFromThePeersIsBoundedByTheHeap() {
        assertThat(EnsembleMember.peerLimits().inboundBytesMax())
                .isEqualTo(Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 16));
    }

    @Test
    void everyMemberDerivesTheSameSessionSecretFromTheSameMembership() throws Exception {
        byte[] secret = EnsembleSecret.of(config().members());
        assertThat(EnsembleSecret.of(config("clientPort=2300").members())).isEqualTo(secret);
        ServerConfig proxied = ZooCfgParser.parse(List.of("tickTime=500", "initLimit=7", "syncLimit=3",
                "dataDir=" + dir, "server.1=127.0.0.1:2888:3888", "server.2=127.0.0.1:4889:4890",
                "server.3=127.0.0.1:2890:3890", "server.4=127.0.0.1:2891:3891:observer"), "zoo.cfg", Map.of()).config();
        assertThat(EnsembleSecret.of(proxied.members())).as("ports seen through a proxy").isEqualTo(secret);
        ServerConfig other = ZooCfgParser.parse(List.of("tickTime=500", "initLimit=7", "syncLimit=3",
                "dataDir=" + dir, "server.1=127.0.0.1:2888:3888", "server.2=127.0.0.1:2889:3889",
                "server.3=127.0.0.2:2890:3890"), "zoo.cfg", Map.of()).config();
        assertThat(EnsembleSecret.of(other.members())).isNotEqualTo(secret);
    }

    @Test
    void aSessionSecretFileReplacesTheDerivedSecretAndIsChecked() throws Exception {
        Path secretFile = dir.resolve("secret");
        Files.write(secretFile, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17});
        ServerConfig withFile = config("warden.sessionSecretFile=" + secretFile);
        assertThat(withFile.sessionSecretFile()).isEqualTo(secretFile);
        byte[] secret = EnsembleSecret.of(withFile);
        assertThat(secret).isNotEqualTo(EnsembleSecret.of(config()));
        assertThat(EnsembleSecret.of(config("warden.sessionSecretFile=" + secretFile, "clientPort=2400")))
                .isEqualTo(secret);
        Files.setPosixFilePermissions(secretFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(EnsembleSecret.readableByOthers(withFile)).hasValueSatisfying(w -> assertThat(w).contains("chmod"));
        Files.setPosixFilePermissions(secretFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(EnsembleSecret.readableByOthers(withFile)).isEmpty();
        Files.write(secretFile, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> EnsembleSecret.of(withFile)).isInstanceOf(IOException.class)
                .hasMessageContaining(secretFile.toString()).hasMessageContaining("3 bytes");
        Files.delete(secretFile);
        assertThatThrownBy(() -> EnsembleSecret.of(withFile)).isInstanceOf(IOException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void myIdIsReadAsZooKeeperWritesIt() throws IOException {
        Files.writeString(dir.resolve("myid"), "3\n");
        assertThat(MyIdFile.read(dir)).isEqualTo(3);
        Files.writeString(dir.resolve("myid"), " 12 ");
        assertThat(MyIdFile.read(dir)).isEqualTo(12);
    }

    @Test
    void aMissingOrBadMyIdStopsStartupNamingTheFile() throws Exception {
        Path myid = dir.resolve("data").resolve("myid");
        assertThatThrownBy(() -> WardenServer.start(config())).isInstanceOf(IOException.class)
                .hasMessageContaining(myid.toString()).hasMessageContaining("missing");
        Files.createDirectories(myid.getParent());
        Files.writeString(myid, "two\n");
        assertThatThrownBy(() -> WardenServer.start(config())).isInstanceOf(IOException.class)
                .hasMessageContaining(myid.toString()).hasMessageContaining("'two'");
        Files.writeString(myid, "9\n");
        assertThatThrownBy(() -> WardenServer.start(config())).isInstanceOf(IOException.class)
                .hasMessageContaining("no server.9 line");
    }
}
