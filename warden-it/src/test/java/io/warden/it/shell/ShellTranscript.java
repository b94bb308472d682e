package io.warden.it.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * A shell's output made comparable: the banner lines only zkCli prints are dropped, times, zxids
 * and session ids are replaced by placeholders, and the watch event blocks ({@code WATCHER::} and
 * its {@code WatchedEvent} line) are taken out of standard output into a sorted list.
 */
record ShellTranscript(List<String> out, List<String> err, List<String> events) {
    private static final List<String> ZKCLI_ONLY = List.of("Welcome to ZooKeeper!", "JLine support is disabled");

    static ShellTranscript of(List<String> out, List<String> err) {
        List<String> kept = new ArrayList<>();
        List<String> events = new ArrayList<>();
        for (String line : out) {
            if (ZKCLI_ONLY.contains(line) || line.equals("WATCHER::") || line.isEmpty()) {
                continue;
            }
            if (line.startsWith("WatchedEvent ")) {
                events.add(normalise(line));
            } else {
                kept.add(normalise(line));
            }
        }
        events.sort(null);
        return new ShellTranscript(kept, err.stream().map(ShellTranscript::normalise).toList(), events);
    }

    static String normalise(String line) {
        return line
                .replaceAll("^Connecting to .*", "Connecting to SERVER")
                .replaceAll("^([cm]time) = .*", "$1 = TIME")
                .replaceAll("^([cmp]Zxid) = 0x[0-9a-f]+", "$1 = ZXID")
                .replaceAll("^ephemeralOwner = 0x[0-9a-f]*[1-9a-f][0-9a-f]*", "ephemeralOwner = SESSION")
                .replaceAll(" zxid: [0-9]+$", " zxid: ZXID");
    }
}
