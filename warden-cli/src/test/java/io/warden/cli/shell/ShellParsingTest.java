package io.warden.cli.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.client.CreateMode;
import io.warden.wire.Acl;
import io.warden.wire.Id;
import io.warden.wire.Perms;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShellParsingTest {

    @Test
    void wordsSplitOnBlanksAndKeepQuotedTextTogether() {
        assertThat(ShellWords.split("  create  /a \"hello world\" 'x y'  ")).containsExactly("create", "/a", "hello world", "x y");
        assertThat(ShellWords.split("set /a \"open")).containsExactly("set", "/a", "open");
        assertThat(ShellWords.split("   ")).isEmpty();
    }

    @Test
    void flagsAreTakenFromAnywhereOnTheLine() throws Exception {
        CommandArgs args = CommandArgs.parse(List.of("/a", "data", "-s", "-v", "3"), Set.of("-s", "-b"), Set.of("-v"));
        assertThat(args.positionals()).containsExactly("/a", "data");
        assertThat(args.flags()).isEqualTo(Map.of("-s", "", "-v", "3"));
        assertThat(args.intValue("-v", -1)).isEqualTo(3);
        assertThat(args.has("-b")).isFalse();
        assertThat(args.positional(2)).isNull();
    }

    @Test
    void unknownFlagsMissingValuesAndBadNumbersAreRefused() throws Exception {
        assertThatThrownBy(() -> CommandArgs.parse(List.of("-x", "/"), Set.of("-s"), Set.of()))
                .isInstanceOf(BadArgumentsException.class).hasMessage("Unrecognized option: -x");
        assertThatThrownBy(() -> CommandArgs.parse(List.of("/", "-v"), Set.of(), Set.of("-v")))
                .isInstanceOf(BadArgumentsException.class).hasMessage("Missing argument for option: v");
        CommandArgs args = CommandArgs.parse(List.of("-v", "abc", "/"), Set.of(), Set.of("-v"));
        assertThatThrownBy(() -> args.intValue("-v", -1)).isInstanceOf(BadArgumentsException.class)
                .hasMessageContaining("'abc'");
        // A lone dash is data, not a flag.
        assertThat(CommandArgs.parse(List.of("/a", "-"), Set.of(), Set.of()).positionals()).containsExactly("/a", "-");
    }

    @Test
    void createFlagsChooseTheMode() throws Exception {
        assertThat(mode()).isEqualTo(CreateMode.PERSISTENT);
        assertThat(mode("-s")).isEqualTo(CreateMode.PERSISTENT_SEQUENTIAL);
        assertThat(mode("-e")).isEqualTo(CreateMode.EPHEMERAL);
        assertThat(mode("-e", "-s")).isEqualTo(CreateMode.EPHEMERAL_SEQUENTIAL);
        assertThat(mode("-c")).isEqualTo(CreateMode.CONTAINER);
        assertThat(mode("-t", "100")).isEqualTo(CreateMode.PERSISTENT_WITH_TTL);
        assertThat(mode("-s", "-t", "100")).isEqualTo(CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL);
        assertThatThrownBy(() -> mode("-c", "-e")).isInstanceOf(BadArgumentsException.class);
        assertThatThrownBy(() -> mode("-e", "-t", "100")).isInstanceOf(BadArgumentsException.class);
    }

    private static CreateMode mode(String... flags) throws BadArgumentsException {
        List<String> words = new java.util.ArrayList<>(List.of(flags));
        words.add("/n");
        return NodeCommands.createMode(CommandArgs.parse(words, Set.of("-s", "-e", "-c"), Set.of("-t")));
    }

    @Test
    void aclsParseWithColonsInTheIdAndRefuseBadEntries() throws Exception {
        assertThat(AclText.parse("world:anyone:cr,digest:u:abc=:cdrwa,ip:::1:r")).containsExactly(
                new Acl(Perms.CREATE | Perms.READ, Id.ANYONE),
                new Acl(Perms.ALL, new Id("digest", "u:abc=")),
                new Acl(Perms.READ, new Id("ip", "::1")));
        assertThatThrownBy(() -> AclText.parse("bad:acl")).isInstanceOf(BadArgumentsException.class)
                .hasMessage("bad:acl does not have the form scheme:id:perm");
        assertThatThrownBy(() -> AclText.parse("world:anyone:rq")).isInstanceOf(BadArgumentsException.class)
                .hasMessageContaining("'q'");
    }

    @Test
    void historyNumbersFromZeroAndListsTheLastElevenLines() {
        CommandHistory history = new CommandHistory();
        for (int i = 0; i < 15; i++) {
            history.add("ls /" + i);
        }
        assertThat(history.nextNumber()).isEqualTo(15);
        assertThat(history.get(3)).isEqualTo("ls /3");
        assertThat(history.get(15)).isNull();
        assertThat(history.recent()).hasSize(11).startsWith("4 - ls /4").endsWith("14 - ls /14");
    }

    @Test
    void completionLooksUpTheParentOfWhatWasTyped() {
        assertThat(ZnodePathCompleter.parentOf("/a")).isEqualTo("/");
        assertThat(ZnodePathCompleter.parentOf("/a/b")).isEqualTo("/a");
        assertThat(ZnodePathCompleter.parentOf("/a/")).isEqualTo("/a");
        assertThat(new ZnodePathCompleter(List.of("ls"), () -> null).pathCandidates("/a")).isEmpty();
    }
}
