package io.warden.cli;

import io.warden.cli.bench.BenchCommand;
import io.warden.cli.shell.ShellCommand;
import io.warden.cli.tools.ImportZkCommand;
import io.warden.cli.tools.LogCommand;
import io.warden.cli.tools.SnapshotCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code warden} command. */
@Command(name = "warden", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "A coordination service that speaks the Apache ZooKeeper protocol.",
        subcommands = {ServerCommand.class, EnsembleCommand.class, StatusCommand.class, TransferLeadershipCommand.class, ExampleCommand.class, ShellCommand.class, BenchCommand.class, SnapshotCommand.class, LogCommand.class,
            ImportZkCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code, without exiting. */
    static int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        // The shell's own command (warden shell ls -s /) keeps its flags: options end at its first word.
        commandLine.getSubcommands().get("shell").setStopAtPositional(true);
        return commandLine.execute(args);
    }
}
