package io.warden.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Warden server process ({@code warden server zoo.cfg}) on an ephemeral port, for tests
 * that attack it the way a hostile client would and then restart it on the same data: SIGTERM,
 * SIGKILL, its exit status, its log and its resident memory.
 */
final class ServerProcess implements TestServer {
    /** How a JVM stopped by SIGTERM exits once its shutdown hooks ran, as ZooKeeper's does. */
    static final int SIGTERM_EXIT_STATUS = 128 + 15;

    /** What the process runs on its {@code zoo.cfg}: a Warden server, or Apache ZooKeeper's quorum peer (the reference). */
    enum Program {
        WARDEN("io.warden.cli.Main", "server"),
        ZOOKEEPER("org.apache.zookeeper.server.quorum.QuorumPeerMain");

        private final List<String> mainAndArguments;

        Program(String... mainAndArguments) {
            this.mainAndArguments = List.of(mainAndArguments);
        }

        List<String> command(Path config) {
            List<String> command = new ArrayList<>(mainAndArguments);
            command.add(config.toString());
            return command;
        }
    }

    private final Path dir;
    private final Path config;
    private final int port;
    private final List<String> jvmArgs;
    private final Program program;
    private Process process;
    private int starts;

    private ServerProcess(Path dir, Path config, int port, List<String> jvmArgs, Program program) {
        this.dir = dir;
        this.config = config;
        this.port = port;
        this.jvmArgs = jvmArgs;
        this.program = program;
    }

    /**
     * Writes a zoo.cfg (data under {@code dir}, loopback, an ephemeral port, plus {@code cfgLines})
     * and starts a server with it.
     */
    static ServerProcess start(Path dir, List<String> cfgLines, List<String> jvmArgs) {
        ServerProcess server = standalone(dir, cfgLines, jvmArgs);
        server.launch(null);
        return server;
    }

    /**
     * The same for a server that must refuse to start: returns once the process has exited (at most
     * {@link TestClient#WAIT}), for its {@link #exitStatus} and {@link #log}.
     */
    static ServerProcess startRefused(Path dir, List<String> cfgLines, List<String> jvmArgs) {
        ServerProcess server = standalone(dir, cfgLines, jvmArgs);
        server.spawn(null);
        server.exitStatus();
        return server;
    }

    private static ServerProcess standalone(Path dir, List<String> cfgLines, List<String> jvmArgs) {
        try {
            Files.createDirectories(dir);
            int port = freePort();
            List<String> lines = new ArrayList<>(List.of("tickTime=500", "dataDir=" + dir.resolve("data"),
                    "clientPort=" + port, "clientPortAddress=127.0.0.1", "4lw.commands.whitelist=*"));
            lines.addAll(cfgLines);
            Path config = dir.resolve("zoo.cfg");
            Files.write(config, lines);
            return new ServerProcess(dir, config, port, List.copyOf(jvmArgs), Program.WARDEN);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a zoo.cfg of {@code cfgLines} under {@code dir} for a server whose clients connect to
     * {@code clientPort}, without starting it (ensemble members start together; see {@link #launch}).
     */
    static ServerProcess prepare(Path dir, int clientPort, List<String> cfgLines, List<String> jvmArgs) {
        return prepare(dir, clientPort, cfgLines, jvmArgs, Program.WARDEN);
    }

    /** The same for a process that runs {@code program}. */
    static ServerProcess prepare(Path dir, int clientPort, List<String> cfgLines, List<String> jvmArgs,
            Program program) {
        try {
            Files.createDirectories(dir);
            Path config = dir.resolve("zoo.cfg");
            Files.write(config, cfgLines);
            return new ServerProcess(dir, config, clientPort, List.copyOf(jvmArgs), program);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ports this JVM handed out: a port picked and released may be picked again before its process binds it. */
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A port free now and never handed out before by this JVM (so two members never get the same one). */
    static int freePort() throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }

    /**
     * Starts the process and waits until it listens for clients; with a {@code shellLimits} prefix
     * (such as {@code ulimit -f 512}) under bash.
     */
    void launch(String shellLimits) {
        spawn(shellLimits);
        awaitListening();
    }

    private void spawn(String shellLimits) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "-Dwarden.log.level=WARN"));
        command.addAll(jvmArgs);
        command.addAll(program.command(config));
        if (shellLimits != null) {
            command = List.of("bash", "-c", shellLimits + " && exec " + String.join(" ", quoted(command)));
        }
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        starts++;
    }

    private static List<String> quoted(List<String> words) {
        List<String> quoted = new ArrayList<>();
        for (String word : words) {
            quoted.add("'" + word.replace("'", "'\\''") + "'");
        }
        return quoted;
    }

    private void awaitListening() {
        Process started = process;
        await().atMost(TestClient.WAIT).until(() -> {
            assertThat(started.isAlive()).as("server process alive; its log:%n%s", log()).isTrue();
            try (Socket socket = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    Path logFile() {
        return dir.resolve("server.log");
    }

    String log() {
        try {
            return Files.exists(logFile()) ? Files.readString(logFile(), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path configFile() {
        return config;
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status, waiting for the process to end (at most {@link TestClient#WAIT}). */
    int exitStatus() {
        try {
            assertThat(process.waitFor(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .as("the server exits; its log:%n%s", log()).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** SIGSTOP: the process stops running, with its sockets open, until {@link #resume}. */
    void pause() {
        signal("-STOP");
    }

    /** SIGCONT after {@link #pause}. */
    void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(pid())).inheritIO().start();
            assertThat(kill.waitFor(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            assertThat(kill.exitValue()).as("kill %s %d", signal, pid()).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM, and waits for the process to end. */
    int terminate() {
        process.destroy();
        return exitStatus();
    }

    /** SIGKILL, and waits for the process to end. */
    void kill() {
        process.destroyForcibly();
        exitStatus();
    }

    /** Starts the server again on the same configuration and data. */
    void restart() {
        if (process.isAlive()) {
            terminate();
        }
        launch(null);
    }

    /** The process's resident memory, from {@code /proc}. */
    long residentKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS for " + pid());
    }

    /** Sends a four-letter word and reads the answer. */
    String fourLetterWord(String word) {
        try (RawConnection raw = RawConnection.open(this)) {
            raw.send(word.getBytes(StandardCharsets.US_ASCII));
            return raw.readUntilClosed();
        }
    }

    /** A value of {@code mntr}. */
    long mntr(String key) {
        for (String line : fourLetterWord("mntr").split("\n")) {
            String[] parts = line.split("\t");
            if (parts.length == 2 && parts[0].equals(key)) {
                return Long.parseLong(parts[1].trim());
            }
        }
        throw new IllegalStateException("no " + key + " in mntr");
    }

    @Override
    public String name() {
        return "warden-process#" + starts;
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int clientPort() {
        return port;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
