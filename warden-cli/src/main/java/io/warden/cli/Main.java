package io.warden.cli;

import java.util.List;

import io.warden.cli.bench.BenchCommand;
import io.warden.cli.shell.ShellCommand;
import io.warden.cli.tools.ImportZkCommand;
import io.warden.cli.tools.LogCommand;
import io.warden.cli.tools.SnapshotCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code warden} command. */
@Command(name = "warden", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "A coordination service that speaks the Apache ZooKeeper protocol.")
public final class Main {
    /** The subcommands, in the order the usage lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(ServerCommand.class, EnsembleCommand.class, StatusCommand.class,
            TransferLeadershipCommand.class, ExampleCommand.class, ShellCommand.class, BenchCommand.class,
            SnapshotCommand.class, LogCommand.class, ImportZkCommand.class, CommandLine.HelpCommand.class);

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code, without exiting. */
    static int run(String... args) {
        return commandLine(args).execute(args);
    }

    /**
     * The command line that runs {@code args}. When the first argument names a subcommand, only that
     * one is registered: picocli builds the model of every registered command up front, and those
     * of all (bench's and the tools' many options) took about 0.25 s of every server start. Its
     * usage, parsing and errors are the same either way; anything else (no subcommand, {@code help},
     * an unknown word, an option of {@code warden} itself) gets all, for the usage and suggestions.
     */
    public static CommandLine commandLine(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        String first = args.length == 0 ? null : args[0];
        Class<?> named = SUBCOMMANDS.stream().filter(command -> nameOf(command).equals(first)).findFirst().orElse(null);
        if (named != null && named != CommandLine.HelpCommand.class) {
            commandLine.addSubcommand(named);
        } else {
            SUBCOMMANDS.forEach(commandLine::addSubcommand);
        }
        CommandLine shell = commandLine.getSubcommands().get("shell");
        if (shell != null) {
            // The shell's own command (warden shell ls -s /) keeps its flags: options end at its first word.
            shell.setStopAtPositional(true);
        }
        return commandLine;
    }

    static String nameOf(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }
}
