package io.warden.wire.testing;

import io.warden.wire.Acl;
import io.warden.wire.Id;
import io.warden.wire.Stat;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded random values for golden tests: strings with non-ASCII characters, null and empty buffers,
 * null and empty vectors, negative and extreme numbers. Strings stay within the BMP without
 * surrogates, where ZooKeeper's writer and standard UTF-8 agree byte for byte.
 */
public final class Gen {
    private static final int[] EDGE_INTS = {0, 1, -1, -2, Integer.MIN_VALUE, Integer.MAX_VALUE, 4000, -112};
    private static final long[] EDGE_LONGS = {0L, 1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 0x100000c246d0000L,
        0x8000_0000_0000_0000L, 0xFFFF_FFFFL};
    private static final String[] FRAGMENTS = {"/", "a", "zookeeper", "é", "ü", "ß", "Ω", "中文", "日本", "€", "\u0000",
        "\u007f", "\u0080", "\u07ff", "\u0800", "\ufffd", "\uffff", " ", "-", "0000000001", "\u00e9t\u00e9"};

    private final SplittableRandom random;

    public Gen(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public int nextInt(int boundExclusive) {
        return random.nextInt(boundExclusive);
    }

    public boolean bool() {
        return random.nextBoolean();
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    public int anyInt() {
        return chance(30) ? EDGE_INTS[random.nextInt(EDGE_INTS.length)] : random.nextInt();
    }

    public long anyLong() {
        return chance(30) ? EDGE_LONGS[random.nextInt(EDGE_LONGS.length)] : random.nextLong();
    }

    /** Null, empty, or a mix of ASCII, multi-byte BMP characters and U+0000. */
    public String string() {
        if (chance(10)) {
            return null;
        }
        if (chance(10)) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        int parts = 1 + random.nextInt(6);
        for (int i = 0; i < parts; i++) {
            if (chance(50)) {
                text.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
            } else {
                text.append(bmpChar());
            }
        }
        return text.toString();
    }

    /** A non-null string. */
    public String nonNullString() {
        String value = string();
        return value == null ? "/" : value;
    }

    private char bmpChar() {
        while (true) {
            char c = (char) random.nextInt(0x10000);
            if (!Character.isSurrogate(c)) {
                return c;
            }
        }
    }

    /** Null, empty, or up to 100 random bytes. */
    public byte[] bytes() {
        if (chance(10)) {
            return null;
        }
        if (chance(10)) {
            return new byte[0];
        }
        byte[] value = new byte[1 + random.nextInt(100)];
        random.nextBytes(value);
        return value;
    }

    /** Null, empty, or a few strings, sometimes null ones. */
    public List<String> strings() {
        if (chance(15)) {
            return null;
        }
        int size = chance(15) ? 0 : 1 + random.nextInt(6);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            values.add(string());
        }
        return values;
    }

    public Stat stat() {
        return new Stat(anyLong(), anyLong(), anyLong(), anyLong(), anyInt(), anyInt(), anyInt(), anyLong(), anyInt(),
                anyInt(), anyLong());
    }

    public Id id() {
        return new Id(string(), string());
    }

    public Acl acl() {
        return new Acl(anyInt(), id());
    }

    /** Null, empty, or a few ACL entries. */
    public List<Acl> acls() {
        if (chance(15)) {
            return null;
        }
        int size = chance(15) ? 0 : 1 + random.nextInt(4);
        List<Acl> values = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            values.add(acl());
        }
        return values;
    }

    /** One of the given values. */
    @SafeVarargs
    public final <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }
}
