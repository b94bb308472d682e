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

    /**
     * The interactive shell on a pseudo-terminal made by {@code script}: the prompt, a command, a
     * tab completion of a path the server knows, {@code quit}, and the history file.
     */
    @Test
    void theInteractiveShellCompletesPathsOnATerminal() throws Exception {
        Output setup = script("create /completeme tabbed\n");
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
            type(keyboard, "ls /\r");
            await().atMost(Duration.ofSeconds(30)).until(() -> screen.toString().contains("[zk: " + servers + "(CONNECTED) 1] "));
            assertThat(screen.toString()).contains("[completeme, zookeeper]");

            type(keyboard, "get /complet\t");
            await().atMost(Duration.ofSeconds(30)).until(() -> screen.toString().contains("get /completeme"));
            type(keyboard, "\r");
            await().atMost(Duration.ofSeconds(30)).until(() -> screen.toString().contains("tabbed"));

            type(keyboard, "quit\r");
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the shell ended after quit").isTrue();
            assertThat(process.exitValue()).isZero();
        } finally {
            process.destroyForcibly();
        }
        assertThat(Files.readString(home.resolve(InteractiveShell.HISTORY_FILE_NAME)))
                .contains("ls /", "get /completeme", "quit");
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
