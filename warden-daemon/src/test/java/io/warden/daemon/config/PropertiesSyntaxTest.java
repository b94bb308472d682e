package io.warden.daemon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class PropertiesSyntaxTest {

    private static List<CfgEntry> read(String... lines) throws ConfigException {
        return PropertiesSyntax.read(List.of(lines), "zoo.cfg");
    }

    @Test
    void equalsColonAndBlankAllSeparateKeyFromValue() throws ConfigException {
        assertThat(read("a=1", "b:2", "c 3", "d\t4", "e = 5", "f : 6", "g   =   7"))
                .extracting(CfgEntry::key, CfgEntry::value)
                .containsExactly(
                        tuple("a", "1"),
                        tuple("b", "2"),
                        tuple("c", "3"),
                        tuple("d", "4"),
                        tuple("e", "5"),
                        tuple("f", "6"),
                        tuple("g", "7"));
    }

    @Test
    void onlyTheFirstSeparatorCounts() throws ConfigException {
        assertThat(read("a==b", "c=d=e", "f:g:h", "i =:j")).extracting(CfgEntry::value)
                .containsExactly("=b", "d=e", "g:h", ":j");
    }

    @Test
    void keysAndValuesAreTrimmed() throws ConfigException {
        List<CfgEntry> entries = read("   tickTime=2000   ", "\tdataDir = /data \t");
        assertThat(entries.get(0)).isEqualTo(new CfgEntry("tickTime", "2000", 1));
        assertThat(entries.get(1)).isEqualTo(new CfgEntry("dataDir", "/data", 2));
    }

    @Test
    void blankAndCommentLinesAreSkippedButCountedForLineNumbers() throws ConfigException {
        List<CfgEntry> entries = read("# comment", "", "   ", "! also a comment", "  # indented comment", "a=1");
        assertThat(entries).containsExactly(new CfgEntry("a", "1", 6));
    }

    @Test
    void thereAreNoEndOfLineComments() throws ConfigException {
        assertThat(read("tickTime=2000 # ms").get(0).value()).isEqualTo("2000 # ms");
    }

    @Test
    void aKeyWithoutValueHasTheEmptyValue() throws ConfigException {
        assertThat(read("flag", "other=", "third :")).extracting(CfgEntry::value).containsExactly("", "", "");
    }

    @Test
    void backslashAtEndOfLineContinuesWithLeadingBlanksDropped() throws ConfigException {
        List<CfgEntry> entries = read("4lw.commands.whitelist=stat, \\", "     ruok,\\", "\tconf", "next=1");
        assertThat(entries).containsExactly(
                new CfgEntry("4lw.commands.whitelist", "stat, ruok,conf", 1), new CfgEntry("next", "1", 4));
    }

    @Test
    void anEvenNumberOfBackslashesDoesNotContinue() throws ConfigException {
        List<CfgEntry> entries = read("a=x\\\\", "b=y");
        assertThat(entries).containsExactly(new CfgEntry("a", "x\\", 1), new CfgEntry("b", "y", 2));
    }

    @Test
    void aContinuationAtTheEndOfTheFileIsDropped() throws ConfigException {
        assertThat(read("a=1\\")).containsExactly(new CfgEntry("a", "1", 1));
    }

    @Test
    void aCommentMarkerOnAContinuationLineIsPartOfTheValue() throws ConfigException {
        assertThat(read("a=1\\", "#2")).containsExactly(new CfgEntry("a", "1#2", 1));
    }

    @Test
    void escapesAreResolvedInKeysAndValues() throws ConfigException {
        List<CfgEntry> entries = read("tick\\u0054ime=2\\u0030\\u00300", "a\\=b=c", "path=C:\\\\data", "x=\\q");
        assertThat(entries).extracting(CfgEntry::key, CfgEntry::value).containsExactly(
                tuple("tickTime", "2000"),
                tuple("a=b", "c"),
                tuple("path", "C:\\data"),
                tuple("x", "q"));
    }

    @Test
    void anEscapedBlankBelongsToTheKey() throws ConfigException {
        assertThat(read("my\\ key=v").get(0).key()).isEqualTo("my key");
    }

    @Test
    void aMalformedUnicodeEscapeNamesFileAndLine() {
        assertThatThrownBy(() -> read("a=1", "b=\\u12"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("zoo.cfg:2: malformed \\uXXXX escape");
        assertThatThrownBy(() -> read("b=\\uzzzz")).hasMessage("zoo.cfg:1: malformed \\uXXXX escape");
    }

    @Test
    void repeatedKeysAreAllReturnedInOrder() throws ConfigException {
        assertThat(read("a=1", "a=2")).containsExactly(new CfgEntry("a", "1", 1), new CfgEntry("a", "2", 2));
    }

    @Test
    void aLogicalLineThatIsStillEmptyIsSkippedAndMayStillBeAComment() throws ConfigException {
        assertThat(read("\\", "", "a=1")).containsExactly(new CfgEntry("a", "1", 3));
        assertThat(read("  \\", "# comment after a lone backslash", "b=2")).containsExactly(new CfgEntry("b", "2", 3));
        assertThat(read("\\", "c=3")).containsExactly(new CfgEntry("c", "3", 2));
    }
}
