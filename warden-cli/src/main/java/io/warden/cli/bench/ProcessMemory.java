package io.warden.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A server process's memory as Linux reports it in {@code /proc/PID/status}: the resident set
 * ({@code VmRSS}) and its peak so far ({@code VmHWM}), in KiB; -1 for a value the file lacks.
 * {@code error} says why nothing could be read (no such process, no /proc), else it is empty.
 */
record ProcessMemory(long pid, long rssKiB, long peakRssKiB, String error) {
    static final Path PROC = Path.of("/proc");

    static ProcessMemory read(long pid) {
        return read(PROC, pid);
    }

    /** Reads {@code <proc>/<pid>/status}; tests point {@code proc} at a directory of their own. */
    static ProcessMemory read(Path proc, long pid) {
        Path status = proc.resolve(Long.toString(pid)).resolve("status");
        String text;
        try {
            text = Files.readString(status, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new ProcessMemory(pid, -1, -1, "no process " + pid + " (" + status + " does not exist)");
        } catch (IOException e) {
            return new ProcessMemory(pid, -1, -1, "cannot read " + status + ": " + e.getMessage());
        }
        return new ProcessMemory(pid, kib(text, "VmRSS:"), kib(text, "VmHWM:"), "");
    }

    /** The number on the line that starts with {@code key} ("VmRSS:   123456 kB"), or -1. */
    static long kib(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key)) {
                String[] words = line.substring(key.length()).trim().split("\\s+");
                try {
                    return Long.parseLong(words[0]);
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
