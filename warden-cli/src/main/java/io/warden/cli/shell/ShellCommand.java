package io.warden.cli.shell;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code warden shell}: zkCli's commands on Warden's client. With a command after the options it
 * runs that command and exits; on a terminal it is interactive; otherwise it runs the lines of
 * stdin as a script. Everything after the first word that is not an option belongs to the command
 * ({@link io.warden.cli.Main} stops option parsing there).
 */
@Command(name = "shell", mixinStandardHelpOptions = true,
        description = {"A client shell with ZooKeeper's zkCli commands, flags and output.",
            "Interactive on a terminal; runs the lines of stdin as a script otherwise; runs one command"
                + " and exits when one is given (warden shell -server host:port ls /)."})
public final class ShellCommand implements Callable<Integer> {
    static final String SERVERS_DEFAULT = "127.0.0.1:2181";
    static final int TIMEOUT_MS_DEFAULT = 30_000;

    @Option(names = "-server", paramLabel = "host:port[,...]", defaultValue = SERVERS_DEFAULT,
            description = "The servers to connect to (default: ${DEFAULT-VALUE}).")
    private String servers;

    @Option(names = "-timeout", paramLabel = "ms", defaultValue = "" + TIMEOUT_MS_DEFAULT,
            description = "The session timeout, and how long to wait for the first connection (default: ${DEFAULT-VALUE}).")
    private int timeoutMs;

    @Option(names = "-r", description = "Read-only mode: accepted for zkCli's sake; Warden's client always connects"
            + " read-write, so a warning is printed.")
    private boolean readOnly;

    @Parameters(paramLabel = "cmd args", arity = "0..*", description = "A command to run instead of a session.")
    private List<String> command = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        ShellOptions options;
        try {
            options = new ShellOptions(servers, timeoutMs);
        } catch (IllegalArgumentException e) {
            System.err.println("warden shell: " + e.getMessage());
            return 2;
        }
        quietLogs();
        if (readOnly) {
            System.err.println("warning: -r (read-only mode) is not supported by Warden's client; connecting read-write");
        }
        if (!command.isEmpty()) {
            return StreamShell.runCommand(options, command, System.out, System.err);
        }
        if (System.console() != null) {
            return InteractiveShell.run(options);
        }
        BufferedReader script = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return StreamShell.runScript(options, script, System.out, System.err);
    }

    /** The client's INFO lines would mix with the shell's output; -Dwarden.log.level still decides. */
    private static void quietLogs() {
        if (System.getProperty("warden.log.level") == null
                && LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
            root.setLevel(Level.WARN);
        }
    }
}
