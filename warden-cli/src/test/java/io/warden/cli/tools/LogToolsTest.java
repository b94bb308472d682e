package io.warden.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.warden.storage.DirectoryFileStore;
import io.warden.storage.TxnLogReader;
import picocli.CommandLine;

class LogToolsTest {
    @TempDir
    Path temp;
    private Path file;
    private List<Long> offsets;
    private final Console console = new Console();

    @BeforeEach
    void writeLog() throws Exception {
        file = WardenFixture.log(temp.resolve("warden-1"));
        offsets = new ArrayList<>();
        TxnLogReader.read(new DirectoryFileStore(temp.resolve("warden-1")), -1, WardenFixture.RECORD_MAX, false,
                record -> offsets.add(record.offset()));
    }

    private int dump(Path path) {
        LogDumpCommand command = new LogDumpCommand();
        new CommandLine(command).parseArgs(path.toString());
        return command.run(console.out, console.err);
    }

    private int verify(Path path) {
        LogVerifyCommand command = new LogVerifyCommand();
        new CommandLine(command).parseArgs(path.toString());
        return command.run(console.out, console.err);
    }

    @Test
    void dumpPrintsEveryRecordOnOneLine() {
        assertThat(dump(file)).isZero();

        String session = "  session 0x100000000000abc  cxid ";
        String as = "  as digest:alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E=  offset ";
        assertThat(console.err()).isEmpty();
        assertThat(console.out()).isEqualTo(String.join("\n",
                "Warden log " + file,
                "0x1  2023-11-14T22:13:20.001Z" + session + "0  createSession 0x100000000000abc timeout=30000ms" + as
                        + offsets.get(0),
                "0x2  2023-11-14T22:13:20.002Z" + session + "1  create /app flags=0 (persistent) data=5 bytes \"hello\""
                        + " acl=[world:anyone cdrwa]" + as + offsets.get(1),
                "0x3  2023-11-14T22:13:20.003Z" + session + "2  create2 /app/e flags=1 (ephemeral) data=4 bytes"
                        + " 0x000102ff acl=[world:anyone cdrwa]" + as + offsets.get(2),
                "0x4  2023-11-14T22:13:20.004Z" + session + "3  createContainer /box flags=4 (container) data=null"
                        + " acl=[world:anyone cdrwa]" + as + offsets.get(3),
                "0x5  2023-11-14T22:13:20.005Z" + session + "4  createTTL /ttl flags=5 (persistent with ttl)"
                        + " ttl=5000ms data=1 byte \"t\" acl=[world:anyone cdrwa]" + as + offsets.get(4),
                "0x6  2023-11-14T22:13:20.006Z" + session + "5  create /secure flags=0 (persistent) data=1 byte \"s\""
                        + " acl=[digest:alice:aYXlLOpEooaV1cRAvUL1fp9Qt7E= cdrwa, world:anyone --r--]" + as
                        + offsets.get(5),
                "0x7  2023-11-14T22:13:20.007Z" + session + "6  setData /app version=0 data=11 bytes \"hello again\""
                        + as + offsets.get(6),
                "0x8  2023-11-14T22:13:20.008Z" + session + "7  multi [create /app/q- flags=2 (persistent sequential)"
                        + " data=null acl=[world:anyone cdrwa]; check /app version=1]" + as + offsets.get(7),
                "0x9  2023-11-14T22:13:20.009Z" + session + "8  error NODEEXISTS (-110)" + as + offsets.get(8),
                "0xa  2023-11-14T22:13:20.010Z" + session + "9  delete /ttl version=-1" + as + offsets.get(9),
                "10 records, zxids 0x1 to 0xa",
                ""));
    }

    @Test
    void verifyAcceptsAWholeLog() {
        assertThat(verify(file)).isZero();

        assertThat(console.out()).isEqualTo("OK " + file + ": 10 records, zxids 0x1 to 0xa\n");
        assertThat(console.err()).isEmpty();
    }

    @Test
    void aFlippedBitFailsAtItsRecord() throws Exception {
        long record = offsets.get(6);
        SnapshotToolsTest.flipBit(file, record + 40);

        assertThat(verify(file)).isEqualTo(1);

        assertThat(console.out()).isEmpty();
        assertThat(console.err()).isEqualTo(file + " at offset " + record + ": checksum mismatch\n");
    }

    @Test
    void dumpPrintsTheRecordsBeforeTheDamageThenWhereItIs() throws Exception {
        long record = offsets.get(6);
        SnapshotToolsTest.flipBit(file, record + 40);

        assertThat(dump(file)).isEqualTo(1);

        assertThat(console.out().lines()).hasSize(7).last().asString().startsWith("0x6 ");
        assertThat(console.err()).isEqualTo(file + " at offset " + record + ": checksum mismatch\n");
    }

    @Test
    void aTornLastRecordIsReportedNotRepaired() throws Exception {
        long last = offsets.get(9);
        byte[] before = Files.readAllBytes(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            // The record's tail and end marker never reached the disk.
            raf.seek(last + 20);
            raf.write(new byte[(int) (Files.size(file) - last - 20)]);
        }

        assertThat(verify(file)).isZero();

        assertThat(console.out()).isEqualTo("OK " + file + ": 9 records, zxids 0x1 to 0x9; then an incomplete record"
                + " (a write cut short by a crash), which recovery cuts off\n");
        assertThat(Files.size(file)).isEqualTo(before.length);
    }

    @Test
    void aSegmentUnderAnotherNameIsReadTheSame() throws Exception {
        Path copy = Files.copy(file, temp.resolve("copy.log"));

        assertThat(verify(copy)).isZero();

        assertThat(console.out()).isEqualTo("OK " + copy + ": 10 records, zxids 0x1 to 0xa\n");
    }

    @Test
    void notALog() throws Exception {
        Path snapshot = WardenFixture.snapshot(temp.resolve("snapshots"));

        assertThat(verify(snapshot)).isEqualTo(1);

        assertThat(console.err()).isEqualTo(snapshot + " at offset 0: not a Warden log segment (bad header)\n");
    }

    @Test
    void aMissingFileIsAUsageError() {
        assertThat(verify(temp.resolve("nothing"))).isEqualTo(2);

        assertThat(console.err()).isEqualTo("warden: " + temp.resolve("nothing") + ": no such file\n");
    }
}
