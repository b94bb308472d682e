package io.warden.it;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Four-letter words with a whitelist of {@code ruok,srvr}: ruok answers imok, srvr has the line
 * {@code zkServer.sh status} parses, and a known command outside the whitelist gets the refusal text.
 */
class FourLetterWordsDifferentialTest {

    @RegisterExtension
    static final Differential servers = Differential.with(ServerOptions.defaults().withFourLetterWordWhitelist("ruok,srvr"));

    @Test
    void whitelistedAndRefusedCommands() {
        servers.run("fourLetterWords", ctx -> {
            Transcript t = ctx.t();
            for (String cmd : new String[] {"ruok", "stat", "conf", "dump", "envi", "wchs", "isro"}) {
                try (RawConnection raw = ctx.raw()) {
                    raw.send(cmd.getBytes(StandardCharsets.US_ASCII));
                    t.line(cmd + " -> " + RawProtocolDifferentialTest.printable(raw.readUntilClosed()));
                }
            }
            try (RawConnection raw = ctx.raw()) {
                raw.send("srvr".getBytes(StandardCharsets.US_ASCII));
                recordSrvr(t, raw.readUntilClosed());
            }
            try (RawConnection raw = ctx.raw()) {
                // Not a command: read as a frame length far above the bound.
                raw.send("abcd".getBytes(StandardCharsets.US_ASCII));
                t.line("abcd -> " + RawConnection.describe(raw.read()));
            }
            t.op("S1 still works", () -> ctx.zk().exists(ctx.root(), false));
        });
    }

    /**
     * Records the shape of a srvr answer: the key of every line, the Mode line in full, and whether the
     * text ends with a newline. Values (version, counts, latencies, zxid) differ legitimately.
     */
    static void recordSrvr(Transcript t, String output) {
        t.line("srvr: " + output.lines().count() + " lines, ends with newline: " + output.endsWith("\n"));
        for (String line : output.lines().toList()) {
            int colon = line.indexOf(':');
            if (line.startsWith("Mode:")) {
                t.line("  " + line);
            } else if (colon > 0) {
                t.line("  " + line.substring(0, colon) + ": <value>");
            } else {
                t.line("  (no key) " + RawProtocolDifferentialTest.printable(line));
            }
        }
    }
}
