package io.warden.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.warden.daemon.WardenServer;
import io.warden.daemon.config.ServerConfig;
import picocli.CommandLine;

/**
 * {@code warden import-zk} on the files of a real ZooKeeper 3.9.3; then Warden, started on the
 * imported data directory, serves every node exactly as ZooKeeper did.
 */
class ImportZkCommandTest {
    @TempDir
    static Path shared;
    private static Path zkDir;
    private static Map<String, String> served;
    private static long midwayZxid;
    private static long lastZxid;

    @TempDir
    Path temp;
    private final Console console = new Console();

    @BeforeAll
    static void runZooKeeper() throws Exception {
        zkDir = shared.resolve("zk");
        try (ZooKeeperForTest zk = new ZooKeeperForTest(zkDir)) {
            ZooKeeper client = zk.connect();
            List<ACL> open = ZooDefs.Ids.OPEN_ACL_UNSAFE;
            ACL alice = new ACL(Perms.ALL, new Id("digest", DigestAuthenticationProvider.generateDigest(
                    ZooKeeperForTest.ALICE)));
            client.create("/app", bytes("v1"), open, CreateMode.PERSISTENT);
            client.create("/app/e", null, open, CreateMode.EPHEMERAL);
            client.create("/app/s-", bytes("x"), open, CreateMode.PERSISTENT_SEQUENTIAL);
            client.create("/app/s-", bytes("y"), open, CreateMode.PERSISTENT_SEQUENTIAL);
            client.create("/box", null, open, CreateMode.CONTAINER);
            client.create("/box/c", new byte[] {0, (byte) 0xFE}, open, CreateMode.PERSISTENT);
            client.create("/ttl", bytes("t"), open, CreateMode.PERSISTENT_WITH_TTL, null, 60_000);
            client.create("/secure", bytes("s"), Arrays.asList(alice), CreateMode.PERSISTENT);
            zk.takeSnapshot();
            midwayZxid = zk.lastZxid();
            client.setData("/app", bytes("v2"), -1);
            client.setACL("/secure", Arrays.asList(alice, new ACL(Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE)), -1);
            client.multi(Arrays.asList(Op.create("/m", null, open, CreateMode.PERSISTENT),
                    Op.setData("/m", bytes("multi"), 0)));
            client.delete("/app/s-0000000001", -1);
            client.create("/after", bytes("last"), open, CreateMode.PERSISTENT);
            served = LiveTree.read(client);
            lastZxid = zk.lastZxid();
            zk.stop();
        }
    }

    private int importZk(boolean terminal, String... args) {
        ImportZkCommand command = new ImportZkCommand();
        new CommandLine(command).parseArgs(args);
        return command.run(console.out, console.err, terminal);
    }

    @Test
    void wardenStartedOnTheImportServesWhatZooKeeperServed() throws Exception {
        Path data = temp.resolve("data");

        assertThat(importZk(false, zkDir.toString(), "--data-dir", data.toString())).isZero();

        assertThat(console.err()).isEmpty();
        Path snapshot = data.resolve("warden-1").resolve(String.format("snapshot.%016x", lastZxid));
        assertThat(console.out()).isEqualTo(String.join("\n",
                "Imported ZooKeeper data from " + zkDir,
                "  from      " + zkDir.resolve("version-2").resolve("snapshot." + Long.toHexString(midwayZxid))
                        + " (zxid 0x" + Long.toHexString(midwayZxid) + "), then "
                        + Formats.count(lastZxid - midwayZxid, "transaction") + " from 1 log file",
                "  tree      " + served.size() + " nodes, 1 session, zxid 0x" + Long.toHexString(lastZxid),
                "  written   " + snapshot.toAbsolutePath(),
                "  note      ZooKeeper's clients cannot resume their sessions on Warden (the session passwords"
                        + " differ): the imported 1 session expire after their timeouts once Warden runs, and their"
                        + " ephemeral nodes go with them",
                "Start Warden on it with dataDir=" + data.toAbsolutePath() + ".",
                ""));

        try (QuietLogs quiet = new QuietLogs("io.warden");
                WardenServer warden = WardenServer.start(
                        ServerConfig.defaults(data.toAbsolutePath()).withClientPort(0))) {
            List<ZooKeeper> clients = new ArrayList<>();
            try {
                ZooKeeper client = ZooKeeperForTest.connect("127.0.0.1:" + warden.clientPort(), clients);
                assertThat(LiveTree.read(client)).containsExactlyInAnyOrderEntriesOf(served);
            } finally {
                for (ZooKeeper client : clients) {
                    client.close();
                }
            }
        }
    }

    @Test
    void aProgressBarOnStderrWhenAskedFor() {
        Path data = temp.resolve("data");

        assertThat(importZk(false, zkDir.resolve("version-2").toString(), "--data-dir", data.toString(),
                "--progress")).isZero();

        assertThat(console.err()).startsWith("\rimporting [").contains("] 100%  ")
                .contains(" nodes, " + (lastZxid - midwayZxid) + " transactions")
                .endsWith("\r").doesNotContain("\n");
        assertThat(console.out()).startsWith("Imported ZooKeeper data from ");
    }

    @Test
    void aDataDirectoryWithWardenDataIsRefused() throws Exception {
        Path data = temp.resolve("data");
        WardenFixture.snapshot(data.resolve("warden-1"));

        assertThat(importZk(true, zkDir.toString(), "--data-dir", data.toString(), "--no-progress")).isEqualTo(1);

        assertThat(console.err()).isEqualTo("warden: " + data.resolve("warden-1") + " already holds Warden data"
                + " (snapshot.000000000000000a); import-zk writes only into a data directory without any\n");
        assertThat(console.out()).isEmpty();
    }

    @Test
    void aDataLogDirectoryWithAWardenLogIsRefused() throws Exception {
        Path logs = temp.resolve("logs");
        WardenFixture.log(logs.resolve("warden-1"));

        assertThat(importZk(false, zkDir.toString(), "--data-dir", temp.resolve("data").toString(),
                "--data-log-dir", logs.toString())).isEqualTo(1);

        assertThat(console.err()).startsWith("warden: " + logs.resolve("warden-1") + " already holds Warden data");
        assertThat(temp.resolve("data")).doesNotExist();
    }

    @Test
    void aDamagedZooKeeperLogFailsWithTheFileAndOffset() throws Exception {
        Path copy = temp.resolve("zk").resolve("version-2");
        Files.createDirectories(copy);
        Path log = copy.resolve("log.1");
        String snapshotName = "snapshot." + Long.toHexString(midwayZxid);
        Files.copy(zkDir.resolve("version-2").resolve(snapshotName), copy.resolve(snapshotName));
        long lastRecord = copyRecords(zkDir.resolve("version-2").resolve("log.1"), log);
        try (RandomAccessFile raf = new RandomAccessFile(log.toFile(), "rw")) {
            raf.seek(lastRecord + 12 + 33);
            int b = raf.read();
            raf.seek(lastRecord + 12 + 33);
            raf.write(b ^ 1);
        }

        assertThat(importZk(false, temp.resolve("zk").toString(), "--data-dir", temp.resolve("data").toString()))
                .isEqualTo(1);

        assertThat(console.err()).startsWith(log + " at offset " + lastRecord + ": checksum mismatch (stored 0x")
                .doesNotContain("\n\tat ").endsWith(")\n");
        assertThat(console.out()).isEmpty();
        assertThat(temp.resolve("data")).doesNotExist();
    }

    @Test
    void aMissingDirectoryIsAUsageError() {
        Path missing = temp.resolve("missing");

        assertThat(importZk(false, missing.toString())).isEqualTo(2);

        assertThat(console.err()).isEqualTo("warden: " + missing + ": no such directory\n");
    }

    @Test
    void aDirectoryWithoutZooKeeperDataIsAUsageError() {
        assertThat(importZk(false, temp.toString(), "--data-dir", temp.resolve("data").toString())).isEqualTo(2);

        assertThat(console.err()).isEqualTo("warden: " + temp + ": no ZooKeeper data here (expected a version-2"
                + " directory with snapshot.* and log.* files)\n");
    }

    /**
     * Copies a ZooKeeper log's header and records, not its preallocated zeros (each record: long
     * checksum, int length, the bytes, 'B'); returns the offset of the last record.
     */
    private static long copyRecords(Path from, Path to) throws IOException {
        byte[] bytes = Files.readAllBytes(from);
        int at = 16;
        int last = -1;
        while (at + 12 <= bytes.length) {
            int length = java.nio.ByteBuffer.wrap(bytes, at + 8, 4).getInt();
            if (length == 0) {
                break;
            }
            last = at;
            at += 12 + length + 1;
        }
        Files.write(to, Arrays.copyOf(bytes, at));
        return last;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
