package io.warden.wire.testing;

import io.warden.wire.Acl;
import io.warden.wire.Id;
import io.warden.wire.JuteInput;
import io.warden.wire.Record;
import io.warden.wire.Stat;
import io.warden.wire.WireFormatException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.jute.BinaryInputArchive;
import org.apache.jute.BinaryOutputArchive;
import org.apache.zookeeper.data.ACL;

import static org.assertj.core.api.Assertions.assertThat;

/** ZooKeeper's own jute classes as the reference: conversions of our values, and their bytes. */
public final class Zk {
    private Zk() {
    }

    /** Reads one of our records. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(JuteInput in) throws WireFormatException;
    }

    public static org.apache.zookeeper.data.Stat stat(Stat s) {
        return new org.apache.zookeeper.data.Stat(s.czxid(), s.mzxid(), s.ctime(), s.mtime(), s.version(),
                s.cversion(), s.aversion(), s.ephemeralOwner(), s.dataLength(), s.numChildren(), s.pzxid());
    }

    public static org.apache.zookeeper.data.Id id(Id id) {
        return new org.apache.zookeeper.data.Id(id.scheme(), id.id());
    }

    public static List<ACL> acls(List<Acl> acls) {
        return acls == null ? null : acls.stream().map(a -> new ACL(a.perms(), id(a.id()))).toList();
    }

    /** The bytes ZooKeeper's BinaryOutputArchive writes for a record. */
    public static byte[] bytes(org.apache.jute.Record record) {
        try {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            record.serialize(BinaryOutputArchive.getArchive(buffer), "");
            return buffer.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ZooKeeper's decoding of bytes into {@code empty}. */
    public static <T extends org.apache.jute.Record> T decode(byte[] bytes, T empty) throws IOException {
        empty.deserialize(BinaryInputArchive.getArchive(new ByteArrayInputStream(bytes)), "");
        return empty;
    }

    /**
     * Asserts that our record encodes to exactly ZooKeeper's bytes, and that reading those bytes gives
     * our record back with every byte consumed.
     */
    public static <T extends Record> void assertGolden(T ours, org.apache.jute.Record theirs, Reader<T> reader)
            throws WireFormatException {
        byte[] expected = bytes(theirs);
        assertThat(Hex.of(ours.toBytes())).as("bytes of %s", ours).isEqualTo(Hex.of(expected));
        JuteInput in = new JuteInput(expected);
        assertThat(reader.read(in)).isEqualTo(ours);
        assertThat(in.remaining()).as("bytes left after reading %s", ours).isZero();
    }
}
