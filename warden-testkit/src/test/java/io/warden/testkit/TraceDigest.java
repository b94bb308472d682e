package io.warden.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** A run's whole trace, and its digest; its main prints the digests of the seeds it is given. */
final class TraceDigest {
    private TraceDigest() {
    }

    /** Every trace line of the run of {@code seed}, then how it ended (a violation is an ending too). */
    static List<String> trace(long seed) {
        List<String> lines = new ArrayList<>();
        try {
            lines.add(new Simulation(seed, Variant.CORRECT, lines::add).run().toString());
        } catch (SimulationViolation violation) {
            lines.add(violation.getMessage());
        }
        return lines;
    }

    static String digest(List<String> lines) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String line : lines) {
                sha.update(line.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) '\n');
            }
            return lines.size() + ":" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) {
        for (String seed : args) {
            System.out.println(digest(trace(Long.parseLong(seed))));
        }
    }
}
