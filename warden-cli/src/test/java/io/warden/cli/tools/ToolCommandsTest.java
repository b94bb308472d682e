package io.warden.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.warden.cli.Main;
import picocli.CommandLine;

/** The tools are subcommands of {@code warden}. */
class ToolCommandsTest {
    @Test
    void registeredUnderWarden() {
        CommandLine warden = Main.commandLine();

        assertThat(warden.getSubcommands()).containsKeys("snapshot", "log", "import-zk");
        assertThat(warden.getSubcommands().get("snapshot").getSubcommands()).containsOnlyKeys("dump", "verify");
        assertThat(warden.getSubcommands().get("log").getSubcommands()).containsOnlyKeys("dump", "verify");
    }
}
