package io.warden.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.warden.tree.DataTree;
import picocli.CommandLine;

class SnapshotToolsTest {
    @TempDir
    Path temp;
    private Path file;
    private final Console console = new Console();

    @BeforeEach
    void writeSnapshot() throws Exception {
        file = WardenFixture.snapshot(temp.resolve("warden-1"));
    }

    private int dump(String... args) {
        SnapshotDumpCommand command = new SnapshotDumpCommand();
        new CommandLine(command).parseArgs(args);
        return command.run(console.out, console.err);
    }

    private int verify(String... args) {
        SnapshotVerifyCommand command = new SnapshotVerifyCommand();
        new CommandLine(command).parseArgs(args);
        return command.run(console.out, console.err);
    }

    @Test
    void dumpListsTheHeaderTheSessionsAndEveryNode() {
        DataTree tree = WardenFixture.tree();

        assertThat(dump(file.toString())).isZero();

        assertThat(console.err()).isEmpty();
        assertThat(console.out()).startsWith(String.join("\n",
                "Warden snapshot " + file,
                "  zxid      0xa",
                "  digest    0x" + Long.toHexString(tree.digest()),
                "  nodes     9",
                "  sessions  1",
                "    session 0x100000000000abc  timeout 30000 ms",
                "/",
                "  data      0 bytes",
                "  zxids     czxid 0x0  mzxid 0x0  pzxid 0xa",
                "  times     ctime 1970-01-01T00:00:00Z  mtime 1970-01-01T00:00:00Z",
                "  versions  version 0  cversion 4  aversion 0  (child creates 4, children 4)",
                "  owner     0x0",
                "  acl       world:anyone cdrwa",
                "/app",
                "  data      11 bytes \"hello again\"",
                "  zxids     czxid 0x2  mzxid 0x7  pzxid 0x8",
                "  times     ctime 2023-11-14T22:13:20.002Z  mtime 2023-11-14T22:13:20.007Z",
                "  versions  version 1  cversion 2  aversion 0  (child creates 2, children 2)",
                "  owner     0x0",
                "  acl       world:anyone cdrwa",
                "/app/e",
                "  data      4 bytes 0x000102ff",
                ""));
        assertThat(console.out())
                .contains("/app/e\n  data      4 bytes 0x000102ff\n  zxids     czxid 0x3  mzxid 0x3  pzxid 0x3\n")
                .contains("  owner     0x100000000000abc (session)\n")
                .contains("/app/q-0000000001\n  data      null\n")
                .contains("/box\n  data      null\n")
                .contains("  owner     0x8000000000000000 (container)\n")
                .contains("/secure\n  data      1 byte \"s\"\n")
                .contains("  acl       digest:alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E= cdrwa, world:anyone --r--\n")
                .doesNotContain("/ttl\n")
                .contains("/zookeeper/config\n  data      0 bytes\n")
                .contains("  versions  version 0  cversion 0  aversion -1  (child creates 0, children 0)\n"
                        + "  owner     0x0\n  acl       world:anyone --r--\n/zookeeper/quota\n");
    }

    @Test
    void verifyAcceptsAWholeSnapshot() {
        DataTree tree = WardenFixture.tree();

        assertThat(verify(file.toString())).isZero();

        assertThat(console.out()).isEqualTo("OK " + file + ": zxid 0xa, 9 nodes, 1 session, digest 0x"
                + Long.toHexString(tree.digest()) + " matches the tree\n");
        assertThat(console.err()).isEmpty();
    }

    @Test
    void aFlippedBitFailsVerifyAndDumpWithTheOffset() throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        int at = indexOf(bytes, "hello again".getBytes()) + 3;
        flipBit(file, at);
        long checksumOffset = Files.size(file) - 8;

        assertThat(verify(file.toString())).isEqualTo(1);
        assertThat(dump(file.toString())).isEqualTo(1);

        assertThat(console.out()).isEmpty();
        String message = file + " at offset " + checksumOffset + ": checksum mismatch\n";
        assertThat(console.err()).isEqualTo(message + message);
    }

    @Test
    void aDamagedLengthFailsAtThatField() throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        int lengthAt = indexOf(bytes, "hello again".getBytes()) - 4;
        flipBit(file, lengthAt);

        assertThat(verify(file.toString())).isEqualTo(1);

        assertThat(console.err()).isEqualTo(file + " at offset " + lengthAt + ": bad length " + (11 | 0x8000_0000)
                + "\n");
    }

    @Test
    void aSnapshotThatEndsEarlyFails() throws Exception {
        long size = Files.size(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size - 20);
        }

        assertThat(verify(file.toString())).isEqualTo(1);

        assertThat(console.err()).isEqualTo(file + " at offset " + (size - 20) + ": snapshot ends early\n");
    }

    @Test
    void aSnapshotUnderAnotherZxidsNameFails() throws Exception {
        Path renamed = Files.move(file, file.resolveSibling("snapshot.000000000000000b"));

        assertThat(verify(renamed.toString())).isEqualTo(1);

        assertThat(console.err()).isEqualTo(renamed + " at offset 8: holds zxid 0xa, its name says 0xb\n");
    }

    @Test
    void aCopyUnderAnyOtherNameIsChecked() throws Exception {
        Path copy = Files.copy(file, temp.resolve("backup.snap"));

        assertThat(verify(copy.toString())).isZero();

        assertThat(console.out()).startsWith("OK " + copy + ": zxid 0xa");
    }

    @Test
    void aMissingFileIsAUsageError() {
        Path missing = temp.resolve("missing");

        assertThat(verify(missing.toString())).isEqualTo(2);
        assertThat(dump(missing.toString())).isEqualTo(2);

        assertThat(console.err()).isEqualTo(("warden: " + missing + ": no such file\n").repeat(2));
    }

    @Test
    void notASnapshot() throws Exception {
        Path log = WardenFixture.log(temp.resolve("logs"));

        assertThat(verify(log.toString())).isEqualTo(1);

        assertThat(console.err()).isEqualTo(log + " at offset 0: not a Warden snapshot (bad magic)\n");
    }

    static int indexOf(byte[] bytes, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("pattern not found");
    }

    static void flipBit(Path file, long offset) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x80);
        }
    }
}
