package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.warden.testkit.linearizability.CheckResult;
import io.warden.testkit.linearizability.LinearizabilityChecker;
import io.warden.testkit.linearizability.Operation;
import io.warden.testkit.linearizability.RegisterModel;

/**
 * The fault harness catches a bug planted in the running system, not only a stale read planted in
 * a recorded history ({@link EnsembleFaultsTest}). With {@code -Dwarden.plantedBug=follower-local-sync}
 * a follower answers a client's {@code sync} from its own state instead of through the leader. One
 * directed scenario on three real members: client A is connected to a follower F only, client B to
 * the leader only; A writes the register x = 1; F's links are black-holed (bytes silently dropped,
 * so F goes on believing in its leader for {@code syncLimit} ticks); B writes x = 2, which the
 * leader and the other follower commit; A syncs and reads x. Every operation is recorded. With the
 * bug A reads 1 after the write of 2 was acknowledged, and the checker rejects the history; without
 * it A's sync is never answered while F is cut off (the connection closes: an unknown outcome),
 * and the checker accepts the history.
 */
class PlantedBugTest {
    /**
     * Half-second ticks and a {@code syncLimit} of 12: F believes in its leader for 6 s after it is
     * cut off, while all the scenario does in that time (one write at the leader, a sync and a read
     * at F) takes milliseconds.
     */
    private static final EnsembleProcesses.Timing TIMING = new EnsembleProcesses.Timing(500, 10, 12);
    private static final String PLANTED = "-Dwarden.plantedBug=follower-local-sync";
    private static final int CLIENT_A = 0;
    private static final int CLIENT_B = 1;

    @TempDir
    Path dir;

    @Test
    void withTheBugPlantedAFollowerCutOffFromItsLeaderReadsStaleDataAfterSyncAndTheCheckerRejectsTheHistory() {
        List<Operation<RegisterModel.Input<String>, RegisterModel.Output<String>>> history = runScenario(true);

        var read = theRead(history);
        assertThat(read.isUnknown()).as("A's sync and read were answered: %s", history).isFalse();
        assertThat(read.output()).as("A read the value from before the cut: %s", history)
                .isEqualTo(RegisterModel.value("1"));
        CheckResult result = LinearizabilityChecker.check(history, RegisterModel.startingWith("0"));
        assertThat(result.verdict()).as("%s", result).isEqualTo(CheckResult.Verdict.NOT_LINEARIZABLE);
    }

    @Test
    void withoutTheBugTheSameScenarioGivesAHistoryTheCheckerAccepts() {
        List<Operation<RegisterModel.Input<String>, RegisterModel.Output<String>>> history = runScenario(false);

        var read = theRead(history);
        assertThat(read.isUnknown() || read.output().equals(RegisterModel.value("2")))
                .as("A's read is unknown or sees B's write: %s", history).isTrue();
        CheckResult result = LinearizabilityChecker.check(history, RegisterModel.startingWith("0"));
        assertThat(result.verdict()).as("%s", result).isEqualTo(CheckResult.Verdict.LINEARIZABLE);
    }

    @Test
    void anyOtherValueOfThePropertyStopsStartupNamingIt() {
        ServerProcess server = ServerProcess.startRefused(dir.resolve("refused"), List.of(),
                List.of("-Dwarden.plantedBug=stale-reads"));
        assertThat(server.exitStatus()).isEqualTo(2);
        assertThat(server.log()).contains("warden: system property warden.plantedBug: expected follower-local-sync");
    }

    /** The scenario of the class comment; returns the history of x. */
    private List<Operation<RegisterModel.Input<String>, RegisterModel.Output<String>>> runScenario(boolean planted) {
        RecordedRegister x = new RecordedRegister("/x");
        try (EnsembleProcesses ensemble = EnsembleProcesses.startPartitionable(dir, 3, TIMING,
                planted ? List.of(PLANTED) : List.of())) {
            int leader = ensemble.awaitLeader();
            int follower = leader == 1 ? 2 : 1;
            for (int id = 1; id <= ensemble.size(); id++) {
                assertThat(ensemble.member(id).log().contains("PLANTED BUG: warden.plantedBug=follower-local-sync"))
                        .as("member %d warns of the planted bug", id).isEqualTo(planted);
            }
            TestClient a = TestClient.connect("127.0.0.1:" + ensemble.clientPort(follower), 6_000);
            try (TestClient b = TestClient.connect("127.0.0.1:" + ensemble.clientPort(leader), 6_000)) {
                b.zk().create("/x", "0".getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT);
                x.write(a.zk(), "1", CLIENT_A);
                assertThat(x.history().get(0).output()).as("A's write through F: %s", x.history())
                        .isEqualTo(RegisterModel.ok());
                long written = ensemble.zxid(leader);
                await().atMost(TestClient.WAIT).until(() -> ensemble.zxid(follower) >= written);

                ensemble.blackhole(follower);
                x.write(b.zk(), "2", CLIENT_B);
                assertThat(x.history().get(1).output()).as("B's write at the leader, with F cut off: %s",
                        x.history()).isEqualTo(RegisterModel.ok());
                assertThat(ensemble.zxid(follower)).as("F never got B's write").isLessThan(ensemble.zxid(leader));
                x.read(a.zk(), CLIENT_A);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            } catch (org.apache.zookeeper.KeeperException e) {
                throw new AssertionError("a client of a member that is not cut off failed", e);
            } finally {
                a.dropConnection(); // closing the session would wait for F, which is cut off
            }
        }
        System.out.printf("planted bug %s: history of x %s%n", planted ? "follower-local-sync" : "none", x.history());
        return x.history();
    }

    private static Operation<RegisterModel.Input<String>, RegisterModel.Output<String>> theRead(
            List<Operation<RegisterModel.Input<String>, RegisterModel.Output<String>>> history) {
        assertThat(history).hasSize(3);
        var read = history.get(2);
        assertThat(read.input()).isEqualTo(RegisterModel.read());
        assertThat(read.clientId()).isEqualTo(CLIENT_A);
        return read;
    }
}
