package io.warden.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.Quotas;
import org.apache.zookeeper.StatsTrack;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.cli.MalformedPathException;
import org.apache.zookeeper.cli.SetQuotaCommand;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Quotas, set the way zkCli's {@code setquota} sets them (ZooKeeper's own {@link SetQuotaCommand}
 * creating {@code /zookeeper/quota/<path>/zookeeper_limits} and {@code zookeeper_stats}), with
 * enforcement on: hard count and byte limits refuse writes with QUOTAEXCEEDED, soft limits do not,
 * and the server keeps the usage in the stats node as nodes are created, deleted and changed.
 */
class QuotasDifferentialTest {

    @RegisterExtension
    static final Differential servers = Differential.with(ServerOptions.defaults().withEnforceQuota(true));

    /** A quota as {@code setquota} builds it; -1 leaves a limit unset. */
    static StatsTrack quota(long softCount, long softBytes, long hardCount, long hardBytes) {
        StatsTrack quota = new StatsTrack();
        quota.setCount(softCount);
        quota.setBytes(softBytes);
        if (hardCount >= 0) {
            quota.setCountHardLimit(hardCount);
        }
        if (hardBytes >= 0) {
            quota.setByteHardLimit(hardBytes);
        }
        return quota;
    }

    static void setQuota(Transcript t, ZooKeeper zk, String path, StatsTrack quota) throws InterruptedException {
        t.op("setquota " + path + " " + quota, () -> createQuota(zk, path, quota));
        quotaNodes(t, zk, path);
    }

    /** zkCli's setquota; a path it refuses is reported as an IllegalArgumentException. */
    static boolean createQuota(ZooKeeper zk, String path, StatsTrack quota) throws KeeperException,
            InterruptedException {
        try {
            return SetQuotaCommand.createQuota(zk, path, quota);
        } catch (MalformedPathException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Records the data and Stat of the limits and stats nodes of {@code path}. */
    static void quotaNodes(Transcript t, ZooKeeper zk, String path) throws InterruptedException {
        for (String node : List.of(Quotas.limitPath(path), Quotas.statPath(path))) {
            Stat stat = new Stat();
            t.op("  getData " + node.substring(node.lastIndexOf('/') + 1), () -> t.render(zk.getData(node, false, stat))
                    + " " + t.render(stat));
        }
    }

    static String stats(ZooKeeper zk, String path) throws KeeperException, InterruptedException {
        return new String(zk.getData(Quotas.statPath(path), false, null), UTF_8);
    }

    @Test
    void countHardLimitRefusesCreatesAndDeletesFreeRoom() {
        servers.run("countHardLimit", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            String q = ctx.path("q");
            t.op("create q", () -> zk.create(q, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create q/a", () -> zk.create(q + "/a", "12345".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            setQuota(t, zk, q, quota(-1, -1, 4, -1));
            t.op("create q/b", () -> zk.create(q + "/b", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create q/a/c", () -> zk.create(q + "/a/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("stats", () -> stats(zk, q));
            t.op("create q/d (a fifth node)", () -> zk.create(q + "/d", null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("create q/a/e (a fifth node, deeper)", () -> zk.create(q + "/a/e", null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.EPHEMERAL));
            t.op("create q/s- sequential (a fifth node)", () -> zk.create(q + "/s-", null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT_SEQUENTIAL));
            t.op("create q/d as a container", () -> zk.create(q + "/d", null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.CONTAINER));
            t.op("setData q/b (no new node)", () -> zk.setData(q + "/b", "x".getBytes(UTF_8), -1).getVersion());
            t.op("create outside the quota", () -> zk.create(ctx.path("outside"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("stats", () -> stats(zk, q));
            t.run("delete q/b", () -> zk.delete(q + "/b", -1));
            t.op("stats", () -> stats(zk, q));
            t.op("create q/d (room again)", () -> zk.create(q + "/d", null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("create q/f (full again)", () -> zk.create(q + "/f", null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.run("delete q/a/c", () -> zk.delete(q + "/a/c", -1));
            t.op("create q/s- sequential (refused creates did not move the counter)", () -> zk.create(q + "/s-", null,
                    Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_SEQUENTIAL));
            quotaNodes(t, zk, q);
            ctx.stat("q", q);
        });
    }

    @Test
    void byteHardLimitRefusesCreatesAndGrowingSetData() {
        servers.run("byteHardLimit", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            String q = ctx.path("q");
            t.op("create q with 4 bytes", () -> zk.create(q, "abcd".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            setQuota(t, zk, q, quota(-1, -1, -1, 10));
            t.op("create q/a with 6 bytes (exactly at the limit)", () -> zk.create(q + "/a", "123456".getBytes(UTF_8),
                    Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create q/b with 1 byte", () -> zk.create(q + "/b", "x".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("create q/b with no data (no bytes)", () -> zk.create(q + "/b", null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("setData q/a growing by 1", () -> zk.setData(q + "/a", "1234567".getBytes(UTF_8), -1));
            t.op("setData q/a same size", () -> zk.setData(q + "/a", "abcdef".getBytes(UTF_8), -1).getVersion());
            t.op("setData q/a shrinking", () -> zk.setData(q + "/a", "ab".getBytes(UTF_8), -1).getVersion());
            t.op("stats", () -> stats(zk, q));
            t.op("setData q/b growing within the limit", () -> zk.setData(q + "/b", "1234".getBytes(UTF_8), -1)
                    .getVersion());
            t.op("multi creating 1 byte over", () -> zk.multi(List.of(
                    Op.create(q + "/m1", "1".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                    Op.setData(q + "/b", "12345".getBytes(UTF_8), -1))));
            t.op("stats", () -> stats(zk, q));
            quotaNodes(t, zk, q);
        });
    }

    @Test
    void softLimitsNeverRefuse() {
        servers.run("softLimits", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            String q = ctx.path("q");
            t.op("create q", () -> zk.create(q, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            setQuota(t, zk, q, quota(2, 5, -1, -1));
            for (int i = 0; i < 4; i++) {
                String name = q + "/n" + i;
                t.op("create n" + i + " with 3 bytes", () -> zk.create(name, "abc".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE,
                        CreateMode.PERSISTENT));
            }
            t.op("setData n0 to 20 bytes", () -> zk.setData(q + "/n0", new byte[20], -1).getVersion());
            t.op("stats", () -> stats(zk, q));
            t.line("-- hard limits above the soft ones: the hard ones decide");
            String h = ctx.path("h");
            t.op("create h", () -> zk.create(h, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            setQuota(t, zk, h, quota(1, -1, 3, -1));
            t.op("create h/a (over soft)", () -> zk.create(h + "/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create h/b (at hard)", () -> zk.create(h + "/b", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create h/c (over hard)", () -> zk.create(h + "/c", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.line("-- setquota again on the same path merges into the limits node");
            t.op("setquota h soft count 10", () -> createQuota(zk, h, quota(10, -1, -1, -1)));
            quotaNodes(t, zk, h);
            t.op("create h/c (still over hard)", () -> zk.create(h + "/c", null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
        });
    }

    @Test
    void theServerKeepsTheStatsNodeCurrent() {
        servers.run("statsTracking", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            String q = ctx.path("q");
            t.op("create q with 2 bytes", () -> zk.create(q, "ab".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("create q/x with 3 bytes", () -> zk.create(q + "/x", "abc".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("create q/x/y (null data)", () -> zk.create(q + "/x/y", null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            setQuota(t, zk, q, quota(100, 1000, -1, -1));
            TestClient owner = ctx.connect();
            t.op("S2 create q/e (ephemeral, 1 byte)", () -> owner.zk().create(q + "/e", "e".getBytes(UTF_8),
                    Ids.OPEN_ACL_UNSAFE, CreateMode.EPHEMERAL));
            t.op("stats", () -> stats(zk, q));
            t.op("setData q/x to 10 bytes", () -> zk.setData(q + "/x", new byte[10], -1).getVersion());
            t.op("setData q/x to null", () -> zk.setData(q + "/x", null, -1).getVersion());
            t.op("stats", () -> stats(zk, q));
            t.op("multi create q/m (4 bytes) and delete q/x/y", () -> zk.multi(List.of(
                    Op.create(q + "/m", "mmmm".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                    Op.delete(q + "/x/y", -1))));
            t.op("failed multi (changes nothing)", () -> zk.multi(List.of(
                    Op.create(q + "/m2", "mmmm".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                    Op.delete(q + "/missing", -1))));
            t.op("stats", () -> stats(zk, q));
            owner.close();
            t.line("S2 closed (its ephemeral went)");
            t.op("stats", () -> stats(zk, q));
            t.op("setData q (the quota'd node itself) to 7 bytes", () -> zk.setData(q, "1234567".getBytes(UTF_8), -1)
                    .getVersion());
            t.op("create qq (a sibling sharing the prefix)", () -> zk.create(ctx.path("qq"), "zzz".getBytes(UTF_8),
                    Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("stats", () -> stats(zk, q));
            quotaNodes(t, zk, q);
            t.line("-- the limits node edited directly takes effect");
            t.op("setData limits to a hard count of 6", () -> zk.setData(Quotas.limitPath(q),
                    "count=-1,bytes=-1=;countHardLimit=6".getBytes(UTF_8), -1).getVersion());
            t.op("create q/full", () -> zk.create(q + "/full", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create q/over", () -> zk.create(q + "/over", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.run("delete the limits node", () -> zk.delete(Quotas.limitPath(q), -1));
            t.op("create q/over (no quota left)", () -> zk.create(q + "/over", null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("stats (no longer kept)", () -> stats(zk, q));
        });
    }

    @Test
    void quotaNodesWrittenByHand() {
        servers.run("quotaNodesByHand", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            String q = ctx.path("q");
            t.op("create q", () -> zk.create(q, "abc".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create q/inner", () -> zk.create(q + "/inner", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            String quotaDir = Quotas.quotaPath(q);
            String[] parts = quotaDir.substring("/zookeeper/quota/".length()).split("/");
            StringBuilder sb = new StringBuilder("/zookeeper/quota");
            for (String part : parts) {
                sb.append('/').append(part);
                String dirPath = sb.toString();
                t.op("create " + dirPath, () -> zk.create(dirPath, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            }
            Stat limits = new Stat();
            t.op("create2 zookeeper_limits", () -> zk.create(Quotas.limitPath(q),
                    "count=-1,bytes=-1=;countHardLimit=3".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT,
                    limits) + " " + t.render(limits));
            Stat stats = new Stat();
            t.op("create2 zookeeper_stats with made-up numbers", () -> zk.create(Quotas.statPath(q),
                    "count=99,bytes=99".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT, stats) + " "
                    + t.render(stats));
            quotaNodes(t, zk, q);
            t.op("create q/a (third node)", () -> zk.create(q + "/a", null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("create q/b (fourth)", () -> zk.create(q + "/b", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.line("-- a nested quota on q/inner: its subtree counts there, not in q");
            String inner = q + "/inner";
            t.op("create quota dir for q/inner", () -> zk.create(Quotas.quotaPath(inner), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("create its limits", () -> zk.create(Quotas.limitPath(inner),
                    "count=-1,bytes=-1=;countHardLimit=2".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create its stats", () -> zk.create(Quotas.statPath(inner), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("create q/inner/x", () -> zk.create(inner + "/x", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create q/inner/y", () -> zk.create(inner + "/y", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("stats q", () -> stats(zk, q));
            t.op("stats q/inner", () -> stats(zk, inner));
            t.op("setData the stats node by hand", () -> zk.setData(Quotas.statPath(q),
                    "count=0,bytes=0".getBytes(UTF_8),
                    -1).getVersion());
            t.op("create q/c (the hand-written usage counts)", () -> zk.create(q + "/c", null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("stats q", () -> stats(zk, q));
        });
    }

    @Test
    void quotaIsCheckedBeforeTheVersion() {
        servers.run("quotaBeforeVersion", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            String q = ctx.path("q");
            t.op("create q", () -> zk.create(q, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            setQuota(t, zk, q, quota(-1, -1, -1, 4));
            t.op("setData q growing over the limit with a wrong version", () -> zk.setData(q, "12345".getBytes(UTF_8),
                    7));
            t.op("setData q growing over the limit", () -> zk.setData(q, "12345".getBytes(UTF_8), -1));
            t.op("setData q within the limit with a wrong version", () -> zk.setData(q, "1234".getBytes(UTF_8), 7));
        });
    }

    @Test
    void quotaWithinOneMulti() {
        servers.run("quotaWithinMulti", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            String q = ctx.path("q");
            t.op("create q", () -> zk.create(q, null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            setQuota(t, zk, q, quota(-1, -1, 2, -1));
            t.op("multi creating two nodes where one fits", () -> zk.multi(List.of(
                    Op.create(q + "/a", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                    Op.create(q + "/b", null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))));
            t.op("stats", () -> stats(zk, q));
        });
    }
}
