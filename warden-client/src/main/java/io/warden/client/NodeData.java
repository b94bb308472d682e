package io.warden.client;

import io.warden.wire.Stat;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A node's data and Stat. {@code data} is {@code null} when the node was created with null data,
 * exactly as the server stores it.
 */
public record NodeData(byte[] data, Stat stat) {
    private static final int DESCRIBED_BYTES_MAX = 32;

    public NodeData {
        Objects.requireNonNull(stat, "stat");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NodeData that && Arrays.equals(data, that.data) && stat.equals(that.stat);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(data) + stat.hashCode();
    }

    @Override
    public String toString() {
        String described = data == null ? "null"
                : data.length <= DESCRIBED_BYTES_MAX ? HexFormat.of().formatHex(data)
                : HexFormat.of().formatHex(data, 0, DESCRIBED_BYTES_MAX) + "... (" + data.length + " bytes)";
        return "NodeData[data=" + described + ", stat=" + stat + "]";
    }
}
