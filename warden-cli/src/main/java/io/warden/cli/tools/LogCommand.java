package io.warden.cli.tools;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code warden log}: the tools for one Warden transaction log segment. */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = "Inspect a Warden transaction log segment (<dataLogDir>/warden-1/log.<first zxid>).",
        subcommands = {LogDumpCommand.class, LogVerifyCommand.class})
public final class LogCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return ToolRun.USAGE;
    }
}
