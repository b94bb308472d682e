package io.warden.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessMemoryTest {
    @TempDir
    Path proc;

    @Test
    void readsResidentAndPeakMemoryFromTheStatusFile() throws Exception {
        Files.createDirectories(proc.resolve("4242"));
        Files.writeString(proc.resolve("4242/status"), "Name:\tjava\nVmPeak:\t 9999 kB\nVmHWM:\t  524288 kB\n"
                + "VmRSS:\t  262144 kB\nThreads:\t40\n");

        ProcessMemory memory = ProcessMemory.read(proc, 4242);

        assertThat(memory).isEqualTo(new ProcessMemory(4242, 262_144, 524_288, ""));
    }

    @Test
    void aMissingProcessIsReportedNotThrown() {
        ProcessMemory memory = ProcessMemory.read(proc, 77);

        assertThat(memory.rssKiB()).isEqualTo(-1);
        assertThat(memory.error()).contains("no process 77");
    }

    @Test
    void aStatusWithoutTheFieldsGivesUnknownValues() throws Exception {
        Files.createDirectories(proc.resolve("5"));
        Files.writeString(proc.resolve("5/status"), "Name:\tkthreadd\n");

        assertThat(ProcessMemory.read(proc, 5)).isEqualTo(new ProcessMemory(5, -1, -1, ""));
    }

    @Test
    void thisProcessHasAResidentSetWhereProcExists() {
        long pid = ProcessHandle.current().pid();
        if (Files.isDirectory(ProcessMemory.PROC.resolve(Long.toString(pid)))) {
            assertThat(ProcessMemory.read(pid).rssKiB()).isPositive();
        } else {
            assertThat(ProcessMemory.read(pid).error()).isNotEmpty();
        }
    }
}
