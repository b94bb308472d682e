package io.warden.storage.zookeeper;

import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.data.Stat;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;

/**
 * A deterministic mix of every kind of write, driven through ZooKeeper's own client: persistent,
 * ephemeral, sequential, container and TTL nodes, data and ACL changes (digest, ip and world ACLs),
 * deletes, multis that succeed and that fail, refused writes, sessions that close and sessions that
 * stay open, a quota, and a burst of pipelined writes (so that a snapshot ZooKeeper writes in the
 * background is likely to be fuzzy).
 */
final class ZkWorkload {
    static final String ALICE = "alice:secret";
    static final int SESSION_TIMEOUT_MS = 30_000;
    private static final int ASYNC_WAIT_SECONDS = 60;

    private final RealZooKeeper zk;
    private final ZooKeeper main;
    private final List<ACL> aliceAll;
    private final List<ACL> bobAndAlice;
    private final ACL localIp = new ACL(Perms.ALL, new Id("ip", "127.0.0.1"));
    private String ttlSequential;

    private ZkWorkload(RealZooKeeper zk, ZooKeeper main) throws NoSuchAlgorithmException {
        this.zk = zk;
        this.main = main;
        ACL alice = new ACL(Perms.ALL, new Id("digest", DigestAuthenticationProvider.generateDigest(ALICE)));
        ACL bob = new ACL(Perms.READ | Perms.WRITE, new Id("digest",
                DigestAuthenticationProvider.generateDigest("bob:hunter2")));
        this.aliceAll = Arrays.asList(alice, new ACL(Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE));
        this.bobAndAlice = Arrays.asList(bob, alice);
    }

    /** A client authenticated as alice, who may read and administer every node the workload makes. */
    static ZooKeeper connectAsAlice(RealZooKeeper zk) throws Exception {
        ZooKeeper client = zk.connect(SESSION_TIMEOUT_MS);
        client.addAuthInfo("digest", ALICE.getBytes(StandardCharsets.UTF_8));
        // A read after addAuthInfo: the auth packet is processed before it.
        client.exists("/", false);
        return client;
    }

    /**
     * Runs the first half, calls {@code midway} (to take a snapshot, say), then the second half.
     * Leaves {@code main} and one more session open, each owning ephemerals; returns both.
     */
    static List<ZooKeeper> run(RealZooKeeper zk, ZooKeeper main, Midway midway) throws Exception {
        ZkWorkload w = new ZkWorkload(zk, main);
        ZooKeeper open = w.firstHalf();
        midway.run();
        w.secondHalf();
        return List.of(main, open);
    }

    /** What to do between the two halves. */
    @FunctionalInterface
    interface Midway {
        void run() throws Exception;
    }

    private ZooKeeper firstHalf() throws Exception {
        List<ACL> open = ZooDefs.Ids.OPEN_ACL_UNSAFE;
        main.create("/app", bytes("config-v1"), open, CreateMode.PERSISTENT);
        main.create("/app/locks", new byte[0], open, CreateMode.CONTAINER);
        main.create("/app/locks/lock-", null, open, CreateMode.EPHEMERAL_SEQUENTIAL);
        main.create("/app/queue", null, open, CreateMode.PERSISTENT);
        for (int i = 0; i < 3; i++) {
            main.create("/app/queue/item-", new byte[] {(byte) i, 0, (byte) 0xFF}, open,
                    CreateMode.PERSISTENT_SEQUENTIAL);
        }
        main.create("/app/ttl", bytes("short-lived"), open, CreateMode.PERSISTENT_WITH_TTL, null, 3_600_000);
        ttlSequential = main.create("/app/ttl-seq-", null, open, CreateMode.PERSISTENT_SEQUENTIAL_WITH_TTL, null, 1);
        main.create("/secure", bytes("secret"), aliceAll, CreateMode.PERSISTENT);
        main.create("/ipnode", bytes("by address"), Arrays.asList(localIp), CreateMode.PERSISTENT);
        main.create("/nulldata", null, open, CreateMode.PERSISTENT);
        main.create("/empty", new byte[0], open, CreateMode.PERSISTENT);
        main.create("/créé-ünïcødé", bytes("ü"), open, CreateMode.PERSISTENT);

        ZooKeeper b = zk.connect(10_000);
        b.create("/app/member-b", bytes("b"), open, CreateMode.EPHEMERAL);
        b.close();
        ZooKeeper c = zk.connect(12_000);
        c.create("/app/member-c", bytes("c"), open, CreateMode.EPHEMERAL);
        c.create("/app/locks/lock-", null, open, CreateMode.EPHEMERAL_SEQUENTIAL);

        main.setData("/app", bytes("config-v2"), 0);
        main.setData("/app", bytes("config-v3"), -1);
        main.delete("/app/queue/item-0000000000", -1);
        expectFailure(() -> main.create("/app", null, open, CreateMode.PERSISTENT));
        expectFailure(() -> main.setData("/app", null, 99));

        // A quota on /app, made as zkCli's setquota makes it.
        main.create("/zookeeper/quota/app", null, open, CreateMode.PERSISTENT);
        main.create("/zookeeper/quota/app/zookeeper_limits", bytes("count=100,bytes=100000"), open,
                CreateMode.PERSISTENT);
        main.create("/zookeeper/quota/app/zookeeper_stats", bytes("count=0,bytes=0"), open, CreateMode.PERSISTENT);
        return c;
    }

    private void secondHalf() throws Exception {
        List<ACL> open = ZooDefs.Ids.OPEN_ACL_UNSAFE;
        main.setData("/app", bytes("config-v4"), 2);
        main.setACL("/secure", bobAndAlice, 0);
        main.setACL("/ipnode", Arrays.asList(localIp, new ACL(Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE)), -1);
        main.setACL("/empty", aliceAll, -1);
        main.setData("/secure", bytes("secret-2"), -1);
        Stat created = new Stat();
        main.create("/app/with-stat", bytes("create2"), open, CreateMode.PERSISTENT, created);
        main.multi(Arrays.asList(
                Op.create("/app/batch", bytes("b1"), open, CreateMode.PERSISTENT),
                Op.setData("/app/batch", bytes("b2"), 0),
                Op.check("/app", 3),
                Op.create("/app/batch/eph-", null, open, CreateMode.EPHEMERAL_SEQUENTIAL),
                Op.create("/app/batch/box", null, open, CreateMode.CONTAINER),
                Op.create("/app/batch/ttl", null, open, CreateMode.PERSISTENT_WITH_TTL, 5000),
                Op.delete("/app/queue/item-0000000001", 0)));
        expectFailure(() -> main.multi(Arrays.asList(
                Op.create("/app/never", null, open, CreateMode.PERSISTENT),
                Op.setData("/app", bytes("never"), -1),
                Op.delete("/missing", -1))));
        main.create("/c2", null, open, CreateMode.CONTAINER);
        main.create("/c2/child", null, open, CreateMode.PERSISTENT);
        main.delete("/c2/child", -1);
        main.create("/big", new byte[100_000], open, CreateMode.PERSISTENT);
        main.delete(ttlSequential, -1);

        ZooKeeper d = zk.connect(8_000);
        d.create("/app/member-d", null, open, CreateMode.EPHEMERAL);
        d.create("/app/batch/d-", null, open, CreateMode.EPHEMERAL_SEQUENTIAL);
        d.close();

        pipelined(open);
        main.setData("/zookeeper/quota/app/zookeeper_limits", bytes("count=1000,bytes=100000"), -1);
        main.create("/app/last", bytes("the end"), open, CreateMode.PERSISTENT);
    }

    /** Many writes in flight at once, through the asynchronous API. */
    private void pipelined(List<ACL> open) throws InterruptedException {
        int count = 120;
        CountDownLatch done = new CountDownLatch(count * 2);
        AtomicInteger failures = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            String path = String.format("/app/burst-%03d", i);
            main.create(path, bytes("v0-" + i), open, CreateMode.PERSISTENT, (rc, p, ctx, name) -> {
                if (rc != 0) {
                    failures.incrementAndGet();
                }
                done.countDown();
            }, null);
            main.setData(path, bytes("v1-" + i), 0, (rc, p, ctx, stat) -> {
                if (rc != 0) {
                    failures.incrementAndGet();
                }
                done.countDown();
            }, null);
        }
        if (!done.await(ASYNC_WAIT_SECONDS, TimeUnit.SECONDS) || failures.get() != 0) {
            throw new IllegalStateException("pipelined writes: " + failures.get() + " failed, "
                    + done.getCount() + " unanswered");
        }
        List<Op> deletes = new ArrayList<>();
        for (int i = 0; i < count; i += 3) {
            deletes.add(Op.delete(String.format("/app/burst-%03d", i), -1));
        }
        try {
            main.multi(deletes);
        } catch (KeeperException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A write ZooKeeper refuses; it still uses up a zxid (an error transaction in the log). */
    private interface Refused {
        void run() throws Exception;
    }

    private static void expectFailure(Refused write) throws Exception {
        try {
            write.run();
        } catch (KeeperException expected) {
            return;
        }
        throw new IllegalStateException("the write was expected to fail");
    }
}
