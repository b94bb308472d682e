package io.warden.tree;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Path validation, wire-protocol.md §9.1, and the parent/name/child helpers. */
class PathsTest {

    @Test
    void nullEmptyAndRelativePathsAreInvalid() {
        assertThat(Paths.isValid(null)).isFalse();
        assertThat(Paths.isValid("")).isFalse();
        assertThat(Paths.isValid("a")).isFalse();
        assertThat(Paths.isValid("a/b")).isFalse();
        assertThat(Paths.problem("a")).isNotNull();
    }

    @Test
    void rootIsValid() {
        assertThat(Paths.isValid("/")).isTrue();
        assertThat(Paths.problem("/")).isNull();
    }

    @Test
    void trailingSlashIsInvalidExceptForRoot() {
        assertThat(Paths.isValid("/a/")).isFalse();
        assertThat(Paths.isValid("/a/b/")).isFalse();
        assertThat(Paths.isValid("/a")).isTrue();
        assertThat(Paths.isValid("/a/b")).isTrue();
    }

    @Test
    void emptySegmentIsInvalid() {
        assertThat(Paths.isValid("//")).isFalse();
        assertThat(Paths.isValid("//a")).isFalse();
        assertThat(Paths.isValid("/a//b")).isFalse();
    }

    @Test
    void dotAndDotDotSegmentsAreInvalid() {
        assertThat(Paths.isValid("/.")).isFalse();
        assertThat(Paths.isValid("/..")).isFalse();
        assertThat(Paths.isValid("/a/./b")).isFalse();
        assertThat(Paths.isValid("/a/../b")).isFalse();
        assertThat(Paths.isValid("/a/.")).isFalse();
        assertThat(Paths.isValid("/a/..")).isFalse();
    }

    @Test
    void otherDotSegmentsAreValid() {
        assertThat(Paths.isValid("/...")).isTrue();
        assertThat(Paths.isValid("/.a")).isTrue();
        assertThat(Paths.isValid("/a.")).isTrue();
        assertThat(Paths.isValid("/..a")).isTrue();
        assertThat(Paths.isValid("/a/..../b")).isTrue();
    }

    @Test
    void nulIsInvalidAnywhere() {
        assertThat(Paths.isValid("/\u0000")).isFalse();
        assertThat(Paths.isValid("/a\u0000b")).isFalse();
        assertThat(Paths.isValid("/a/b\u0000")).isFalse();
    }

    @Test
    void controlCharactersAreInvalid() {
        for (char c = '\u0001'; c <= '\u001f'; c++) {
            assertThat(Paths.isValid("/a" + c + "b")).as("U+%04X", (int) c).isFalse();
        }
        assertThat(Paths.isValid("/a\u0020b")).as("space").isTrue();
        assertThat(Paths.isValid("/a\u007eb")).as("tilde").isTrue();
    }

    @Test
    void deleteAndC1ControlsAreInvalid() {
        for (char c = '\u007f'; c <= '\u009f'; c++) {
            assertThat(Paths.isValid("/x" + c)).as("U+%04X", (int) c).isFalse();
        }
        assertThat(Paths.isValid("/x\u00a0")).as("U+00A0").isTrue();
    }

    @Test
    void surrogatesAndPrivateUseAreInvalid() {
        char[] invalid = {'\ud800', '\udbff', '\udc00', '\udfff', '\ue000', '\uf000', '\uf8ff'};
        for (char c : invalid) {
            assertThat(Paths.isValid("/x" + c)).as("U+%04X", (int) c).isFalse();
        }
        assertThat(Paths.isValid("/x\ud7ff")).as("U+D7FF").isTrue();
        assertThat(Paths.isValid("/x\uf900")).as("U+F900").isTrue();
        assertThat(Paths.isValid("/x\ud83d\ude00")).as("emoji as a surrogate pair").isFalse();
    }

    @Test
    void specialsBlockIsInvalidFromFff0() {
        for (char c = '\ufff0'; c != 0; c++) {
            assertThat(Paths.isValid("/x" + c)).as("U+%04X", (int) c).isFalse();
        }
        assertThat(Paths.isValid("/x\uffef")).as("U+FFEF").isTrue();
    }

    @Test
    void ordinaryUnicodeIsValid() {
        assertThat(Paths.isValid("/caf\u00e9/\u4e2d\u6587/\u0436")).isTrue();
        assertThat(Paths.isValid("/with space/and-dash_0")).isTrue();
    }

    @Test
    void invalidCharacterIsReportedInTheSegmentBeforeTheEnd() {
        assertThat(Paths.problem("/ok/bad\u0001")).contains("0001");
    }

    @Test
    void parentNameAndChild() {
        assertThat(Paths.parent("/a")).isEqualTo("/");
        assertThat(Paths.parent("/a/b/c")).isEqualTo("/a/b");
        assertThat(Paths.name("/a/b/c")).isEqualTo("c");
        assertThat(Paths.name("/a")).isEqualTo("a");
        assertThat(Paths.child("/", "a")).isEqualTo("/a");
        assertThat(Paths.child("/a", "b")).isEqualTo("/a/b");
    }
}
