package io.warden.tree;

import java.nio.charset.StandardCharsets;

/**
 * The text ZooKeeper keeps in {@code zookeeper_limits} and {@code zookeeper_stats} nodes:
 * {@code count=<n>,bytes=<n>}, optionally followed by {@code =;byteHardLimit=<n>;countHardLimit=<n>}
 * (the extra {@code =} hides the new keys from old parsers). Missing values are -1.
 */
record QuotaStats(long count, long bytes, long countHardLimit, long byteHardLimit) {

    static QuotaStats parse(byte[] data) {
        long count = -1;
        long bytes = -1;
        long countHard = -1;
        long byteHard = -1;
        if (data != null) {
            for (String pair : new String(data, StandardCharsets.UTF_8).split("[,;]")) {
                String[] parts = pair.split("=");
                if (parts.length < 2) {
                    continue;
                }
                long value;
                try {
                    value = Long.parseLong(parts[1].trim());
                } catch (NumberFormatException e) {
                    continue;
                }
                switch (parts[0].trim()) {
                    case "count" -> count = value;
                    case "bytes" -> bytes = value;
                    case "countHardLimit" -> countHard = value;
                    case "byteHardLimit" -> byteHard = value;
                    default -> {
                    }
                }
            }
        }
        return new QuotaStats(count, bytes, countHard, byteHard);
    }

    /** The usage text of a {@code zookeeper_stats} node. */
    static byte[] usage(long count, long bytes) {
        return ("count=" + count + ",bytes=" + bytes).getBytes(StandardCharsets.UTF_8);
    }
}
