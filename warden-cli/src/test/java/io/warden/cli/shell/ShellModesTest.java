package io.warden.cli.shell;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.warden.daemon.WardenServer;
import io.warden.daemon.config.ServerConfig;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Script mode and one-command mode in this JVM, and the interactive shell through a real pseudo-terminal. */
class ShellModesTest {
    private static final int TIMEOUT_MS = 10_000;

    @TempDir
    static Path dir;

    static WardenServer server;
    static String servers;

    @BeforeAll
    static void startServer() throws Exception {
        server = WardenServer.start(ServerConfig.defaults(dir.resolve("data").toAbsolutePath()).withClientPort(0));
        servers = "127.0.0.1:" + server.clientPort();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aScriptRunsEveryLineAndFailsWhenAnyCommandFailed() throws Exception {
        Output ok = script("create /script hello\nget /script\n\nls /script\n");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).contains("Connecting to " + servers, "hello\n[]\n").doesNotContain("[zk:");
        assertThat(ok.err()).isEqualTo("Created /script\n");

        Output failed = script("get /missing\nget /script\n");
        assertThat(failed.exitCode()).as("one command failed, even if not the last").isEqualTo(1);
        assertThat(failed.err()).isEqualTo("Node does not exist: /missing\n");
        assertThat(failed.out()).contains("hello");
    }

    @Test
    void quitEndsAScriptAndUnknownCommandsListTheCommands() throws Exception {
        Output quit = script("quit\ncreate /never\n");
        assertThat(quit.exitCode()).isZero();
        assertThat(quit.err()).isEmpty();

        Output unknown = script("frobnicate /\n");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains(CommandTable.SHELL_USAGE, "\tls [-s] [-w] [-R] path", "Command not found: frobnicate");
    }

    @Test
    void aCommandOnTheCommandLineKeepsItsWordsAndSetsTheExitStatus() throws Exception {
        Capture capture = new Capture();
        int created = StreamShell.runCommand(new ShellOptions(servers, TIMEOUT_MS),
                List.of("create", "/words", "two words"), capture.out, capture.err);
        assertThat(created).isZero();
        Capture get = new Capture();
        assertThat(StreamShell.runCommand(new ShellOptions(servers, TIMEOUT_MS), List.of("get", "/words"), get.out, get.err))
                .isZero();
        assertThat(get.out()).contains("two words\n");
        Capture missing = new Capture();
        assertThat(StreamShell.runCommand(new ShellOptions(servers, TIMEOUT_MS), List.of("delete", "/absent"),
                missing.out, missing.err)).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("Node does not exist: /absent\n");
    }

    @Test
    void redoRefusesToRedoARedoAndRecordsTheCommandItRan() throws Exception {
        // Without the refusal this script recursed until the stack overflowed.
        Output loop = script("redo 1\nredo 0\nredo 1\nhistory\n");
        assertThat(loop.exitCode()).isEqualTo(1);
        assertThat(loop.err()).isEqualTo("Command index out of range\nNo redoing redos\nNo redoing redos\n");
        assertThat(loop.out()).contains("0 - redo 1\n1 - redo 0\n2 - redo 1\n3 - history\n");

        Output redone = script("create /redone x\nget /redone\nredo 1\nredo 2\nhistory\n");
        assertThat(redone.exitCode()).isZero();
        assertThat(redone.out()).contains("x\nx\nx\n", "2 - get /redone\n3 - get /redone\n4 - history\n");
    }

    @Test
    void lsRecursiveListsEachNodesChildrenBeforeGoingIntoThem() throws Exception {
        Output tree = script("create /lsr\ncreate /lsr/b\ncreate /lsr/a\ncreate /lsr/a/y\ncreate /lsr/a/x\n"
                + "create /lsr/a/x/deep\ncreate /lsr/b/z\nls -R /lsr\n");
        assertThat(tree.exitCode()).isZero();
        assertThat(tree.out()).contains("/lsr\n/lsr/a\n/lsr/b\n/lsr/a/x\n/lsr/a/y\n/lsr/a/x/deep\n/lsr/b/z\n");

        // -w sets a watch on every node listed: a child created under a leaf is heard of.
        // (Events are printed from the client's event thread, hence the wait on the capture.)
        Capture watched = new Capture();
        int exitCode = StreamShell.runScript(new ShellOptions(servers, TIMEOUT_MS), new BufferedReader(
                new StringReader("ls -w -R /lsr\ncreate /lsr/b/z/new\nset /lsr v\n")), watched.out, watched.err);
        assertThat(exitCode).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(watched.out()).contains(
                "WatchedEvent state:SyncConnected type:NodeChildrenChanged path:/lsr/b/z",
                "WatchedEvent state:SyncConnected type:NodeDataChanged path:/lsr"));
    }

    @Test
    void setAclRecursiveReportsEachFailureAndCarriesOn() throws Exception {
        Output run = script("create /acl\ncreate /acl/a\ncreate /acl/a/locked x world:anyone:cdrw\n"
                + "create /acl/a/locked/kid\ncreate /acl/b\nsetAcl -R /acl world:anyone:cdrwa\n"
                + "create /acl/after\n");
        assertThat(run.exitCode()).isZero();
        // zkCli prints each node's error on standard output and ends no line after it.
        assertThat(run.out()).contains("KeeperErrorCode = NoAuth for /acl/a/locked");
        Output acls = script("getAcl /acl/a/locked/kid\ngetAcl /acl/b\ngetAcl /acl/a/locked\n");
        assertThat(acls.out()).contains("'world,'anyone\n: cdrwa\n'world,'anyone\n: cdrwa\n'world,'anyone\n: cdrw\n");
    }

    @Test
    void removewatchesTakesPersistentAndRecursiveWatcherTypes() throws Exception {
        Output run = script("create /rw\naddWatch -m PERSISTENT /rw\naddWatch /rw\n"
                + "removewatches /rw -r\nremovewatches /rw -r\nremovewatches /rw -p -r\nremovewatches /rw -p\n");
        assertThat(run.exitCode()).as("the second -r and the second -p found no watch").isEqualTo(1);
        assertThat(run.err()).isEqualTo("Created /rw\nKeeperErrorCode = No such watcher for /rw\n"
                + "KeeperErrorCode = No such watcher for /rw\n");
    }

    /**
     * The interactive shell on a pseudo-terminal made by {@code script}: the prompt, a command, a
     * tab completion of a path the server knows, {@code quit}, and the history file.
     */
    @Test
    void theInteractiveShellCompletesPathsOnATerminal() throws Exception {
        Output setup = script("create /tty\ncreate /tty/completeme tabbed\n");
        assertThat(setup.exitCode()).isZero();
        Path home = Files.createDirectories(dir.resolve("home"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String shell = java + " -Duser.home=" + home + " -cp " + System.getProperty("java.class.path")
                + " io.warden.cli.Main shell -server " + servers;
        Process process = new ProcessBuilder("script", "-qfec", shell, "/dev/null")
                .redirectErrorStream(true).start();
        StringBuffer screen = new StringBuffer();
        Thread reader = new Thread(() -> copy(process.getInputStream(), screen), "pty-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            OutputStream keyboard = process.getOutputStream();
            String prompt0 = "[zk: " + servers + "(CONNECTED) 0] ";
            await().atMost(Duration.ofSeconds(60)).until(() -> screen.toString().contains(prompt0));
            type(keyboard, "ls /tty\r");
            await().atMost(Duration.ofSeconds(30)).until(() -> screen.toString().contains("[zk: " + servers + "(CONNECTED) 1] "));
            assertThat(screen.toString()).contains("[completeme]");

            type(keyboard, "get /tty/complet\t");
            await().atMost(Duration.ofSeconds(30)).until(() -> screen.toString().contains("get /tty/completeme"));
            type(keyboard, "\r");
            await().atMost(Duration.ofSeconds(30)).until(() -> screen.toString().contains("tabbed"));

            type(keyboard, "quit\r");
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the shell ended after quit").isTrue();
            assertThat(process.exitValue()).isZero();
        } finally {
            process.destroyForcibly();
        }
        assertThat(Files.readString(home.resolve(InteractiveShell.HISTORY_FILE_NAME)))
                .contains("ls /tty", "get /tty/completeme", "quit");
    }

    private static void type(OutputStream keyboard, String keys) throws Exception {
        keyboard.write(keys.getBytes(UTF_8));
        keyboard.flush();
    }

    private static void copy(InputStream in, StringBuffer into) {
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                into.append(new String(buffer, 0, n, UTF_8));
            }
        } catch (java.io.IOException e) {
            into.append("\n[reader ended: ").append(e.getMessage()).append(']');
        }
    }

    private static Output script(String text) throws Exception {
        Capture capture = new Capture();
        int exitCode = StreamShell.runScript(new ShellOptions(servers, TIMEOUT_MS),
                new BufferedReader(new StringReader(text)), capture.out, capture.err);
        return new Output(exitCode, capture.out(), capture.err());
    }

    private record Output(int exitCode, String out, String err) {
    }

    private static final class Capture {
        private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(outBytes, true, UTF_8);
        final PrintStream err = new PrintStream(errBytes, true, UTF_8);

        String out() {
            return outBytes.toString(UTF_8);
        }

        String err() {
            return errBytes.toString(UTF_8);
        }
    }
}
