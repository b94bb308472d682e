package io.warden.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Path validation, wire-protocol.md §9.1, and the parent/name/child helpers. */
class ZnodePathsTest {

    @Test
    void nullEmptyAndRelativePathsAreInvalid() {
        assertThat(ZnodePaths.isValid(null)).isFalse();
        assertThat(ZnodePaths.isValid("")).isFalse();
        assertThat(ZnodePaths.isValid("a")).isFalse();
        assertThat(ZnodePaths.isValid("a/b")).isFalse();
        assertThat(ZnodePaths.problem("a")).isNotNull();
    }

    @Test
    void rootIsValid() {
        assertThat(ZnodePaths.isValid("/")).isTrue();
        assertThat(ZnodePaths.problem("/")).isNull();
    }

    @Test
    void trailingSlashIsInvalidExceptForRoot() {
        assertThat(ZnodePaths.isValid("/a/")).isFalse();
        assertThat(ZnodePaths.isValid("/a/b/")).isFalse();
        assertThat(ZnodePaths.isValid("/a")).isTrue();
        assertThat(ZnodePaths.isValid("/a/b")).isTrue();
    }

    @Test
    void emptySegmentIsInvalid() {
        assertThat(ZnodePaths.isValid("//")).isFalse();
        assertThat(ZnodePaths.isValid("//a")).isFalse();
        assertThat(ZnodePaths.isValid("/a//b")).isFalse();
    }

    @Test
    void dotAndDotDotSegmentsAreInvalid() {
        assertThat(ZnodePaths.isValid("/.")).isFalse();
        assertThat(ZnodePaths.isValid("/..")).isFalse();
        assertThat(ZnodePaths.isValid("/a/./b")).isFalse();
        assertThat(ZnodePaths.isValid("/a/../b")).isFalse();
        assertThat(ZnodePaths.isValid("/a/.")).isFalse();
        assertThat(ZnodePaths.isValid("/a/..")).isFalse();
    }

    @Test
    void otherDotSegmentsAreValid() {
        assertThat(ZnodePaths.isValid("/...")).isTrue();
        assertThat(ZnodePaths.isValid("/.a")).isTrue();
        assertThat(ZnodePaths.isValid("/a.")).isTrue();
        assertThat(ZnodePaths.isValid("/..a")).isTrue();
        assertThat(ZnodePaths.isValid("/a/..../b")).isTrue();
    }

    @Test
    void nulIsInvalidAnywhere() {
        assertThat(ZnodePaths.isValid("/\u0000")).isFalse();
        assertThat(ZnodePaths.isValid("/a\u0000b")).isFalse();
        assertThat(ZnodePaths.isValid("/a/b\u0000")).isFalse();
    }

    @Test
    void controlCharactersAreInvalid() {
        for (char c = '\u0001'; c <= '\u001f'; c++) {
            assertThat(ZnodePaths.isValid("/a" + c + "b")).as("U+%04X", (int) c).isFalse();
        }
        assertThat(ZnodePaths.isValid("/a\u0020b")).as("space").isTrue();
        assertThat(ZnodePaths.isValid("/a\u007eb")).as("tilde").isTrue();
    }

    @Test
    void deleteAndC1ControlsAreInvalid() {
        for (char c = '\u007f'; c <= '\u009f'; c++) {
            assertThat(ZnodePaths.isValid("/x" + c)).as("U+%04X", (int) c).isFalse();
        }
        assertThat(ZnodePaths.isValid("/x\u00a0")).as("U+00A0").isTrue();
    }

    @Test
    void surrogatesAndPrivateUseAreInvalid() {
        char[] invalid = {'\ud800', '\udbff', '\udc00', '\udfff', '\ue000', '\uf000', '\uf8ff'};
        for (char c : invalid) {
            assertThat(ZnodePaths.isValid("/x" + c)).as("U+%04X", (int) c).isFalse();
        }
        assertThat(ZnodePaths.isValid("/x\ud7ff")).as("U+D7FF").isTrue();
        assertThat(ZnodePaths.isValid("/x\uf900")).as("U+F900").isTrue();
        assertThat(ZnodePaths.isValid("/x\ud83d\ude00")).as("emoji as a surrogate pair").isFalse();
    }

    @Test
    void specialsBlockIsInvalidFromFff0() {
        for (char c = '\ufff0'; c != 0; c++) {
            assertThat(ZnodePaths.isValid("/x" + c)).as("U+%04X", (int) c).isFalse();
        }
        assertThat(ZnodePaths.isValid("/x\uffef")).as("U+FFEF").isTrue();
    }

    @Test
    void ordinaryUnicodeIsValid() {
        assertThat(ZnodePaths.isValid("/caf\u00e9/\u4e2d\u6587/\u0436")).isTrue();
        assertThat(ZnodePaths.isValid("/with space/and-dash_0")).isTrue();
    }

    @Test
    void invalidCharacterIsReportedInTheSegmentBeforeTheEnd() {
        assertThat(ZnodePaths.problem("/ok/bad\u0001")).contains("0001");
    }

    @Test
    void parentNameAndChild() {
        assertThat(ZnodePaths.parent("/a")).isEqualTo("/");
        assertThat(ZnodePaths.parent("/a/b/c")).isEqualTo("/a/b");
        assertThat(ZnodePaths.name("/a/b/c")).isEqualTo("c");
        assertThat(ZnodePaths.name("/a")).isEqualTo("a");
        assertThat(ZnodePaths.child("/", "a")).isEqualTo("/a");
        assertThat(ZnodePaths.child("/a", "b")).isEqualTo("/a/b");
    }
}
