package io.warden.storage.zookeeper;

/** Big-endian reads from byte arrays. */
final class ZkBytes {
    private ZkBytes() {
    }

    static int getInt(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8)
                | (bytes[at + 3] & 0xFF);
    }

    static long getLong(byte[] bytes, int at) {
        return ((long) getInt(bytes, at) << 32) | (getInt(bytes, at + 4) & 0xFFFF_FFFFL);
    }

    static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
