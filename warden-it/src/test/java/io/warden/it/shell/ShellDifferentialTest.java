package io.warden.it.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.it.ServerOptions;
import io.warden.it.WardenTestServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same script through {@code warden shell} (script mode) and through ZooKeeper's own zkCli
 * ({@code org.apache.zookeeper.ZooKeeperMain}), each a separate process against a fresh Warden
 * server: standard output, standard error and the watch events must be the same once times,
 * zxids and session ids are normalised. Watch events are compared as a sorted list because both
 * shells print them from another thread, wherever they fall between command outputs.
 */
class ShellDifferentialTest {
    /** The most a shell process may take to run the script. */
    private static final long PROCESS_WAIT_SECONDS = 120;

    private static final List<String> SCRIPT = List.of(
            "ls /",
            "create /app hello",
            "create /app/child",
            "create -e /app/eph e",
            "create -s /app/seq- s",
            "create -c /box",
            "create -t 60000 /ttl t",
            "ls /app",
            "ls -s /app",
            "ls -R /app",
            "get /app",
            "get -s /app",
            "get /app/child",
            "stat /app",
            "stat /nope",
            "set /app world",
            "set -s /app again",
            "set -v 99 /app x",
            "delete /nope",
            "delete /app",
            "delete -v 7 /app/child",
            "getAcl /app",
            "create /secret s world:anyone:cr",
            "getAcl -s /secret",
            "setAcl /app world:anyone:cdrwa",
            "getEphemerals /app",
            "getAllChildrenNumber /app",
            "sync /app",
            "get -w /app",
            "set /app changed",
            "ls -w /app",
            "create /app/new",
            "addWatch -m PERSISTENT /box",
            "create /box/x",
            "whoami",
            "addauth digest alice:secret",
            "whoami",
            "get -b /app",
            "get -x /app",
            "history",
            "redo 10",
            "redo 999",
            "ls",
            "get /nope",
            "create /x/y/z",
            "create -e /app/eph/kid",
            "create /app/child",
            // ls -R's order (each node's children before its grandchildren, three levels deep),
            // ls -w -R's watches (data on the root, children on every node), setAcl -R carrying on
            // past a node that denies ADMIN, removewatches' -p and -r and their precedence.
            "create /tree",
            "create /tree/b",
            "create /tree/a",
            "create /tree/a/y",
            "create /tree/a/x",
            "create /tree/a/x/deep",
            "create /tree/b/z",
            "create /tree/a/locked x world:anyone:cdrw",
            "create /tree/a/locked/kid",
            "ls -R /tree",
            "ls -w -R /tree",
            "create /tree/b/z/new",
            "set /tree v",
            "setAcl -R /tree world:anyone:cdrwa",
            "getAcl /tree/a/locked",
            "getAcl /tree/b/z/new",
            "addWatch -m PERSISTENT /tree/a",
            // (Not removing a recursive watch that exists: ZooKeeper 3.9.3's client then delivers
            // no PersistentWatchRemoved event and Warden's client does, a client difference.)
            "removewatches /tree/b -r",
            "removewatches /tree/a -p -r",
            "removewatches /tree/a -p",
            "removewatches /tree -c -p",
            "redo 41",
            "history",
            "printwatches off",
            "printwatches on",
            "deleteall /app",
            "ls /",
            "close",
            "ls /");

    @TempDir
    Path dir;

    @Test
    void wardenShellPrintsWhatZkCliPrints() throws Exception {
        Path script = dir.resolve("script.txt");
        Files.write(script, SCRIPT, StandardCharsets.UTF_8);
        Path quietLogs = dir.resolve("logback-off.xml");
        Files.writeString(quietLogs, "<configuration><root level=\"OFF\"/></configuration>\n");

        ShellRun zkCli;
        try (WardenTestServer server = start("zkcli")) {
            zkCli = run("zkcli", script, quietLogs, "org.apache.zookeeper.ZooKeeperMain", "-server", server.connectString());
        }
        ShellRun warden;
        try (WardenTestServer server = start("warden")) {
            warden = run("warden", script, quietLogs, "io.warden.cli.Main", "shell", "-server", server.connectString());
        }

        ShellTranscript expected = ShellTranscript.of(zkCli.out(), zkCli.err());
        ShellTranscript actual = ShellTranscript.of(warden.out(), warden.err());
        assertThat(actual.out()).as("standard output").containsExactlyElementsOf(expected.out());
        assertThat(actual.events()).as("watch events").containsExactlyElementsOf(expected.events());
        assertThat(actual.err()).as("standard error").containsExactlyElementsOf(expected.err());
        // Sanity: the script did things (a broken run of both would compare equal).
        assertThat(expected.out()).contains("[child, eph, seq-0000000002]", "Sync is OK", "hello");
        assertThat(expected.err()).contains("Created /app", "Node does not exist: /nope");
        assertThat(expected.events()).anyMatch(line -> line.contains("type:NodeDataChanged path:/app"));
        assertThat(expected.out()).containsSubsequence("/tree", "/tree/a", "/tree/b", "/tree/a/locked", "/tree/a/x",
                "/tree/a/y", "/tree/a/locked/kid", "/tree/a/x/deep", "/tree/b/z");
        assertThat(expected.out()).anyMatch(line -> line.startsWith("KeeperErrorCode = NoAuth for /tree/a/locked"));
        assertThat(expected.err()).contains("No redoing redos", "KeeperErrorCode = No such watcher for /tree/b",
                "KeeperErrorCode = No such watcher for /tree/a");
        assertThat(expected.events()).anyMatch(line -> line.contains("type:NodeChildrenChanged path:/tree/b/z "));
        assertThat(warden.exitCode()).as("warden shell's exit status after failed commands").isEqualTo(1);
    }

    private WardenTestServer start(String name) {
        return WardenTestServer.start(dir.resolve("data-" + name), ServerOptions.defaults().withExtendedTypesEnabled(true));
    }

    private ShellRun run(String name, Path script, Path quietLogs, String... mainAndArgs)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=" + quietLogs));
        command.addAll(List.of(mainAndArgs));
        File out = dir.resolve(name + ".out").toFile();
        File err = dir.resolve(name + ".err").toFile();
        Process process = new ProcessBuilder(command).redirectInput(script.toFile())
                .redirectOutput(out).redirectError(err).start();
        if (!process.waitFor(PROCESS_WAIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not finish the script within " + PROCESS_WAIT_SECONDS + " s");
        }
        return new ShellRun(Files.readAllLines(out.toPath()), Files.readAllLines(err.toPath()), process.exitValue());
    }

    private record ShellRun(List<String> out, List<String> err, int exitCode) {
    }
}
