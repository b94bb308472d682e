package io.warden.it;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code mntr} of a standalone server prints the same keys as ZooKeeper's, key by key, each value of
 * the same type (integer, decimal or text); values differ legitimately and are not compared, except
 * the server state. Keys ZooKeeper names after a namespace or a learner are left out: they depend on
 * the writes and the ensemble, not on the server.
 */
class MntrDifferentialTest {
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+\\.[0-9]+(E-?[0-9]+)?");

    @RegisterExtension
    static final Differential servers = Differential.with(ServerOptions.defaults().withFourLetterWordWhitelist("mntr"));

    @Test
    void standaloneKeysAndValueTypes() {
        servers.run("standaloneKeys", ctx -> {
            Transcript t = ctx.t();
            // Some activity first, so that request latencies and the tree are not all idle.
            t.op("S1 exists", () -> ctx.zk().exists(ctx.root(), false));
            String output;
            try (RawConnection raw = ctx.raw()) {
                raw.send("mntr".getBytes(StandardCharsets.US_ASCII));
                output = raw.readUntilClosed();
            }
            t.line("ends with newline: " + output.endsWith("\n"));
            Map<String, String> keys = new TreeMap<>();
            for (String line : output.lines().toList()) {
                int tab = line.indexOf('\t');
                if (tab < 0) {
                    t.line("line without a tab: " + RawProtocolDifferentialTest.printable(line));
                    continue;
                }
                String key = line.substring(0, tab);
                if (!key.startsWith("zk_") || key.contains("_per_namespace") || key.contains("learner_handler")) {
                    continue;
                }
                String value = line.substring(tab + 1);
                keys.put(key, key.equals("zk_server_state") ? value : typeOf(value));
            }
            keys.forEach((key, type) -> t.line(key + ": " + type));
        });
    }

    private static String typeOf(String value) {
        if (INTEGER.matcher(value).matches()) {
            return "integer";
        }
        if (DECIMAL.matcher(value).matches()) {
            return "decimal";
        }
        return "text";
    }
}
