package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** {@code warden} registers only the subcommand named first, with the same usage as among all. */
class MainTest {
    private static final List<String> ALL = Main.SUBCOMMANDS.stream().map(Main::nameOf).toList();

    @Test
    void aNamedSubcommandIsTheOnlyOneRegistered() {
        CommandLine line = Main.commandLine("server", "zoo.cfg");

        assertThat(line.getSubcommands()).containsOnlyKeys("server");
        assertThat((Object) line.getSubcommands().get("server").getCommand()).isInstanceOf(ServerCommand.class);
    }

    @Test
    void everySubcommandWithoutOneNamedFirst() {
        assertThat(Main.commandLine().getSubcommands().keySet()).containsExactlyElementsOf(ALL);
        assertThat(Main.commandLine("help", "server").getSubcommands().keySet()).containsExactlyElementsOf(ALL);
        assertThat(Main.commandLine("--help").getSubcommands().keySet()).containsExactlyElementsOf(ALL);
        assertThat(Main.commandLine("serve").getSubcommands().keySet()).containsExactlyElementsOf(ALL);
    }

    @Test
    void usageAloneIsTheUsageAmongAll() {
        CommandLine all = Main.commandLine();
        for (String name : ALL) {
            if (name.equals("help")) {
                continue;
            }
            CommandLine alone = Main.commandLine(name).getSubcommands().get(name);

            assertThat(alone.getUsageMessage()).as(name).isEqualTo(all.getSubcommands().get(name).getUsageMessage());
            assertThat(alone.getCommandSpec().qualifiedName()).isEqualTo("warden " + name);
        }
    }

    @Test
    void theShellStillStopsOptionsAtItsCommand() {
        assertThat(Main.commandLine("shell").getSubcommands().get("shell").isStopAtPositional()).isTrue();
        assertThat(Main.commandLine().getSubcommands().get("shell").isStopAtPositional()).isTrue();
    }
}
