package io.warden.cli.tools;

import java.io.PrintStream;

import io.warden.storage.zookeeper.ImportProgress;

/**
 * A one-line progress bar on stderr, redrawn in place with a carriage return, and erased at the
 * end. Off unless asked for (the import turns it on when it runs in a terminal), so that logs and
 * tests see only the result.
 */
final class ProgressBar implements ImportProgress {
    static final int WIDTH = 30;
    private final PrintStream err;
    private final boolean enabled;
    private String shown = "";

    ProgressBar(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    @Override
    public void update(long nodes, long transactions, long bytesRead, long bytesTotal) {
        if (!enabled) {
            return;
        }
        String line = render(nodes, transactions, bytesRead, bytesTotal);
        if (!line.equals(shown)) {
            err.print("\r" + line);
            err.flush();
            shown = line;
        }
    }

    /** {@code importing [#####-----]  50%  1200 nodes, 35 transactions}. */
    static String render(long nodes, long transactions, long bytesRead, long bytesTotal) {
        int percent = bytesTotal <= 0 ? 100 : (int) Math.max(0, Math.min(100, bytesRead * 100 / bytesTotal));
        int filled = percent * WIDTH / 100;
        return "importing [" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] "
                + String.format("%3d%%", percent) + "  " + nodes + " nodes, " + transactions + " transactions";
    }

    /** Erases the bar, if one was drawn. */
    void finish() {
        if (!shown.isEmpty()) {
            err.print("\r" + " ".repeat(shown.length()) + "\r");
            err.flush();
            shown = "";
        }
    }
}
