package io.warden.cli.tools;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code warden snapshot}: the tools for one Warden snapshot file. */
@Command(name = "snapshot", mixinStandardHelpOptions = true,
        description = "Inspect a Warden snapshot file (<dataDir>/warden-1/snapshot.<zxid>).",
        subcommands = {SnapshotDumpCommand.class, SnapshotVerifyCommand.class})
public final class SnapshotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return ToolRun.USAGE;
    }
}
