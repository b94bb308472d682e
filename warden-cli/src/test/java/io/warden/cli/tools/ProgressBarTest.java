package io.warden.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void rendersTheShareOfBytesReadAndTheCounts() {
        assertThat(ProgressBar.render(5, 3, 50, 100))
                .isEqualTo("importing [###############---------------]  50%  5 nodes, 3 transactions");
        assertThat(ProgressBar.render(0, 0, 0, 0)).startsWith("importing [" + "#".repeat(30) + "] 100%");
        assertThat(ProgressBar.render(1, 0, 200, 100)).contains("] 100%");
    }

    @Test
    void drawsInPlaceOnlyWhenEnabledAndErasesItself() {
        Console console = new Console();
        ProgressBar bar = new ProgressBar(console.err, true);
        bar.update(1, 0, 10, 100);
        bar.update(1, 0, 10, 100);
        bar.update(2, 1, 100, 100);
        bar.finish();

        String first = ProgressBar.render(1, 0, 10, 100);
        String second = ProgressBar.render(2, 1, 100, 100);
        assertThat(console.err()).isEqualTo("\r" + first + "\r" + second + "\r" + " ".repeat(second.length()) + "\r");

        Console quiet = new Console();
        ProgressBar off = new ProgressBar(quiet.err, false);
        off.update(1, 1, 1, 1);
        off.finish();
        assertThat(quiet.err()).isEmpty();
    }
}
