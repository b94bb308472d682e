package io.warden.it;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

import io.warden.testkit.linearizability.HistoryRecorder;
import io.warden.testkit.linearizability.Operation;
import io.warden.testkit.linearizability.RegisterModel;

/**
 * A register (the data of one znode) that official clients write, compare-and-set and read (after
 * {@code sync}), every operation recorded with its invocation and outcome for the linearizability
 * checker. An operation that failed is recorded with an unknown outcome (its connection may have
 * been lost after the server took it); SESSIONEXPIRED is recorded so and thrown on, so that the
 * caller opens a new session. Thread-safe.
 */
final class RecordedRegister {
    private final String path;
    private final HistoryRecorder<RegisterModel.Input<String>, RegisterModel.Output<String>> recorder =
            new HistoryRecorder<>();

    RecordedRegister(String path) {
        this.path = path;
    }

    String path() {
        return path;
    }

    /** The operations recorded so far, in invocation order. */
    List<Operation<RegisterModel.Input<String>, RegisterModel.Output<String>>> history() {
        return recorder.history();
    }

    void write(ZooKeeper zk, String value, int client) throws InterruptedException,
            KeeperException.SessionExpiredException {
        long op = recorder.invoke(client, RegisterModel.write(value));
        try {
            zk.setData(path, bytes(value), -1);
            recorder.ok(op, RegisterModel.ok());
        } catch (KeeperException.SessionExpiredException e) {
            recorder.unknown(op);
            throw e;
        } catch (KeeperException e) {
            recorder.unknown(op);
        }
    }

    /** Reads the register (unrecorded), then sets it only if its version is still the one read. */
    void compareAndSet(ZooKeeper zk, String value, int client) throws InterruptedException,
            KeeperException.SessionExpiredException {
        Stat stat = new Stat();
        String expected;
        try {
            expected = text(zk.getData(path, false, stat));
        } catch (KeeperException.SessionExpiredException e) {
            throw e;
        } catch (KeeperException e) {
            return;
        }
        // Every write writes a new value, so "the version is unchanged" means "the value is unchanged".
        long op = recorder.invoke(client, RegisterModel.cas(expected, value));
        try {
            zk.setData(path, bytes(value), stat.getVersion());
            recorder.ok(op, RegisterModel.ok());
        } catch (KeeperException.BadVersionException e) {
            recorder.ok(op, RegisterModel.failed());
        } catch (KeeperException.SessionExpiredException e) {
            recorder.unknown(op);
            throw e;
        } catch (KeeperException e) {
            recorder.unknown(op);
        }
    }

    /** {@code sync}, then {@code getData}: one read, which must see every write acknowledged before it began. */
    void read(ZooKeeper zk, int client) throws InterruptedException, KeeperException.SessionExpiredException {
        long op = recorder.invoke(client, RegisterModel.read());
        try {
            ClientSync.sync(zk);
            recorder.ok(op, RegisterModel.value(text(zk.getData(path, false, null))));
        } catch (KeeperException.SessionExpiredException e) {
            recorder.unknown(op);
            throw e;
        } catch (KeeperException e) {
            recorder.unknown(op); // a read that failed changed nothing; unknown is the weakest claim
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
