package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.warden.client.WardenClient;
import io.warden.client.WardenException;
import io.warden.wire.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden transfer-leadership} against three real members with a superuser configured: the
 * named follower leads next, an official client's session and ephemeral node survive the
 * hand-over and its writes go on; a session that is not the superuser's gets NOAUTH.
 */
class LeadershipTransferProcessTest {
    private static final String SUPER_DIGEST_PROPERTY = "zookeeper.DigestAuthenticationProvider.superDigest";

    @TempDir
    Path dir;

    @Test
    void anOperatorHandsLeadershipToANamedFollowerAndClientsCarryOn() throws Exception {
        try (EnsembleProcesses ensemble = EnsembleProcesses.start(dir, 3, 0,
                List.of("-D" + SUPER_DIGEST_PROPERTY + "=" + ServerOptions.SUPER_DIGEST, "-Dwarden.log.level=INFO"))) {
            int leader = ensemble.awaitLeader();
            int target = leader == 1 ? 2 : 1;
            try (TestClient owner = TestClient.connect(ensemble.connectString(), 6_000)) {
                ZooKeeper zk = owner.zk();
                zk.create("/owned", bytes("mine"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL);
                long session = zk.getSessionId();

                try (WardenClient plain = WardenClient.connect("127.0.0.1:" + ensemble.clientPort(leader))) {
                    assertThatThrownBy(() -> plain.transferLeadership(target).get(TestClient.WAIT.toMillis(),
                            TimeUnit.MILLISECONDS)).isInstanceOf(ExecutionException.class)
                            .cause().isInstanceOfSatisfying(WardenException.class,
                                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NOAUTH));
                }
                assertThat(ensemble.mode(leader)).as("nothing changed").contains("leader");

                String output = transferLeadership(ensemble, leader, target);

                assertThat(output).contains("Server " + target + " now leads.");
                assertThat(ensemble.awaitLeader()).as(output).isEqualTo(target);
                await().atMost(TestClient.WAIT).until(() -> zk.getState() == ZooKeeper.States.CONNECTED);
                assertThat(zk.getSessionId()).as("the same session").isEqualTo(session);
                assertThat(zk.getData("/owned", false, null)).as("its ephemeral survived the hand-over")
                        .isEqualTo(bytes("mine"));
                await().atMost(TestClient.WAIT).ignoreExceptions().untilAsserted(() -> assertThat(
                        zk.create("/after", bytes("x"), ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))
                        .isEqualTo("/after"));
                assertThat(zk.getData("/after", false, null)).isEqualTo(bytes("x"));
            }
        }
    }

    /** Runs {@code warden transfer-leadership} in its own JVM; returns what it printed, once it exited 0. */
    private static String transferLeadership(EnsembleProcesses ensemble, int leader, int target) throws Exception {
        Path config = ensemble.member(leader).configFile();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dwarden.log.level=WARN", "io.warden.cli.Main", "transfer-leadership", config.toString(),
                "--to", Integer.toString(target), "--auth", ServerOptions.SUPER_CREDENTIALS));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean exited = process.waitFor(TestClient.WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(exited).as("%s%nthe members' logs:%n%s", output, ensemble.logs()).isTrue();
        assertThat(process.exitValue()).as("%s%nthe members' logs:%n%s", output, ensemble.logs()).isZero();
        return output;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
