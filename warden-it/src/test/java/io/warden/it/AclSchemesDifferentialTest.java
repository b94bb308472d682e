package io.warden.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.AddWatchMode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooDefs.Perms;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ACLs scheme by scheme (world, auth, digest, ip, super) and the permission every operation checks:
 * create and delete on the parent, READ for the reads and check, WRITE for setData, ADMIN for setACL,
 * READ or ADMIN for getACL (with digest ids masked for a caller without ADMIN). Also the INVALIDACL
 * cases, a failed addAuthInfo, and whoAmI after several credentials. Both servers run with the same
 * super digest.
 */
class AclSchemesDifferentialTest {

    private static final Map<String, Integer> PERMS = Map.of("READ", Perms.READ, "WRITE", Perms.WRITE,
            "CREATE", Perms.CREATE, "DELETE", Perms.DELETE, "ADMIN", Perms.ADMIN);
    private static final List<String> PERM_ORDER = List.of("READ", "WRITE", "CREATE", "DELETE", "ADMIN");

    @RegisterExtension
    static final Differential servers = Differential.with(ServerOptions.defaults().withSuperDigest());

    @Test
    void theSuperDigestIsTheDigestOfTheSuperCredentials() throws NoSuchAlgorithmException {
        // The constant the pom's system property repeats must really be the digest of the credentials.
        assertThat(DigestAuthenticationProvider.generateDigest(ServerOptions.SUPER_CREDENTIALS))
                .isEqualTo(ServerOptions.SUPER_DIGEST);
    }

    /** ZooKeeper's digest ACL id, {@code user:base64(sha1(user:password))}. */
    static String digest(String userColonPassword) {
        try {
            return DigestAuthenticationProvider.generateDigest(userColonPassword);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Ends a session whose raw connection the server closed, so that it does not expire later. */
    static void closeRawSession(ScenarioContext ctx, RawConnection.ConnectResponse session) {
        try (RawConnection raw = ctx.raw()) {
            raw.handshake(0, 30_000, session.sessionId(), session.password(), true);
            ctx.t().line("  re-attach and closeSession -> " + RawScenarios.reply(ctx.t(), raw.closeSession(1), 0));
        }
    }

    /**
     * Runs every client operation against {@code node} (which has a child {@code child}) as
     * {@code zk}, recording each outcome under {@code who}. The ops that change things (setACL with
     * the node's current list, create of a new child, delete of the child) come last.
     */
    static void everyOperation(Transcript t, String who, ZooKeeper zk, String node, List<ACL> sameAcl)
            throws InterruptedException {
        String child = node + "/child";
        t.op(who + " getData", () -> t.render(zk.getData(node, false, null)));
        t.op(who + " exists", () -> zk.exists(node, false) != null);
        t.op(who + " getChildren", () -> zk.getChildren(node, false));
        t.op(who + " getChildren2", () -> zk.getChildren(node, false, null));
        t.op(who + " getAllChildrenNumber", () -> zk.getAllChildrenNumber(node));
        t.op(who + " getACL", () -> zk.getACL(node, null));
        t.op(who + " multi check", () -> zk.multi(List.of(Op.check(node, -1))));
        t.op(who + " multiRead getData+getChildren", () -> zk.multi(List.of(Op.getData(node), Op.getChildren(node))));
        t.op(who + " addWatch (no ACL check)", () -> {
            zk.addWatch(node, e -> { }, AddWatchMode.PERSISTENT);
            return "ok";
        });
        t.run(who + " sync (no ACL check)", () -> zk.sync(node));
        t.op(who + " setData", () -> zk.setData(node, "w".getBytes(UTF_8), -1).getVersion());
        t.op(who + " setACL (same list)", () -> zk.setACL(node, sameAcl, -1).getAversion());
        t.op(who + " create child2", () -> zk.create(node + "/child2", null, Ids.OPEN_ACL_UNSAFE,
                CreateMode.PERSISTENT));
        t.op(who + " multi create child3", () -> zk.multi(List.of(Op.create(node + "/child3", null,
                Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))));
        t.op(who + " exists missing under it", () -> zk.exists(node + "/missing", false));
        t.run(who + " delete missing under it", () -> zk.delete(node + "/missing", -1));
        t.run(who + " delete child", () -> zk.delete(child, -1));
    }

    /** Creates {@code node} with a child, then gives it {@code acl}; returns {@code acl}. */
    static List<ACL> nodeWithChild(ZooKeeper zk, Transcript t, String node, List<ACL> acl) throws InterruptedException {
        t.op("create " + node, () -> zk.create(node, "d".getBytes(UTF_8), Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        t.op("create " + node + "/child", () -> zk.create(node + "/child", null, Ids.OPEN_ACL_UNSAFE,
                CreateMode.PERSISTENT));
        t.op("setACL " + node, () -> zk.setACL(node, acl, -1).getAversion());
        return acl;
    }

    @Test
    void eachPermissionAloneAllowsExactlyItsOperations() {
        servers.run("permissionMatrix", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            TestClient other = ctx.connect();
            List<String> names = new ArrayList<>(PERM_ORDER);
            names.add("NONE");
            names.add("ALL-but-READ");
            for (String name : names) {
                int perms = switch (name) {
                    case "NONE" -> 0;
                    case "ALL-but-READ" -> Perms.ALL & ~Perms.READ;
                    default -> PERMS.get(name);
                };
                String node = ctx.path(name);
                List<ACL> acl = nodeWithChild(zk, t, node, Acls.of(new ACL(perms, Ids.ANYONE_ID_UNSAFE)));
                everyOperation(t, "S2 on " + name, other.zk(), node, acl);
            }
        });
    }

    @Test
    void worldAndAuthSchemes() {
        servers.run("worldAndAuth", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            t.op("create read-only world node", () -> zk.create(ctx.path("ro"), "x".getBytes(UTF_8),
                    Ids.READ_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("getACL ro", () -> zk.getACL(ctx.path("ro"), null));
            t.op("setData ro", () -> zk.setData(ctx.path("ro"), null, -1));
            t.op("create under ro", () -> zk.create(ctx.path("ro/c"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("create with CREATOR_ALL_ACL before any auth", () -> zk.create(ctx.path("mine"), null,
                    Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT));
            zk.addAuthInfo("digest", "alice:secret".getBytes(UTF_8));
            t.line("S1 addAuthInfo digest alice:secret");
            t.op("create with CREATOR_ALL_ACL", () -> zk.create(ctx.path("mine"), "m".getBytes(UTF_8),
                    Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT));
            t.op("getACL mine", () -> zk.getACL(ctx.path("mine"), null));
            t.value("  digest of alice:secret", digest("alice:secret"));
            t.op("create with auth scheme and an id (id ignored)", () -> zk.create(ctx.path("mine2"), null,
                    Acls.of(new ACL(Perms.READ | Perms.WRITE, new Id("auth", "someone-else"))), CreateMode.PERSISTENT));
            t.op("getACL mine2", () -> zk.getACL(ctx.path("mine2"), null));
            t.op("create with auth plus world", () -> zk.create(ctx.path("mixed"), null,
                    Acls.of(new ACL(Perms.ALL, new Id("auth", "")), new ACL(Perms.READ, Ids.ANYONE_ID_UNSAFE)),
                    CreateMode.PERSISTENT));
            t.op("getACL mixed", () -> zk.getACL(ctx.path("mixed"), null));
            TestClient anonymous = ctx.connect();
            everyOperation(t, "S2 (no auth) on mine", anonymous.zk(), ctx.path("mine"), Ids.CREATOR_ALL_ACL);
            TestClient alice = ctx.connect();
            alice.zk().addAuthInfo("digest", "alice:secret".getBytes(UTF_8));
            t.op("S3 (alice) create mine/child", () -> alice.zk().create(ctx.path("mine/child"), null,
                    Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            everyOperation(t, "S3 (alice) on mine", alice.zk(), ctx.path("mine"), Ids.CREATOR_ALL_ACL);
            t.op("S3 getACL mine after setACL with auth (re-expanded)", () -> alice.zk().getACL(ctx.path("mine"),
                    null));
            t.op("S2 getData mixed (world READ)", () -> anonymous.zk().getData(ctx.path("mixed"), false, null));
            t.op("S2 setData mixed", () -> anonymous.zk().setData(ctx.path("mixed"), null, -1));
            t.op("S2 getACL mixed (READ only: digest masked)", () -> anonymous.zk().getACL(ctx.path("mixed"), null));
            TestClient two = ctx.connect();
            two.zk().addAuthInfo("digest", "alice:secret".getBytes(UTF_8));
            two.zk().addAuthInfo("digest", "bob:pw".getBytes(UTF_8));
            t.op("S4 (alice+bob) create with CREATOR_ALL_ACL", () -> two.zk().create(ctx.path("both"), null,
                    Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT));
            t.op("S4 getACL both (sorted)", () -> t.unorderedAcl(two.zk().getACL(ctx.path("both"), null)));
            TestClient bob = ctx.connect();
            bob.zk().addAuthInfo("digest", "bob:pw".getBytes(UTF_8));
            t.op("S5 (bob) getData both", () -> bob.zk().getData(ctx.path("both"), false, null));
            t.op("S5 (bob) getData mine", () -> bob.zk().getData(ctx.path("mine"), false, null));
        });
    }

    @Test
    void digestScheme() {
        servers.run("digest", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            String carol = digest("carol:pw1");
            List<ACL> acl = Acls.of(new ACL(Perms.ALL, new Id("digest", carol)));
            t.value("digest id", carol);
            t.op("create d with carol's digest ACL (creator not carol)", () -> zk.create(ctx.path("d"),
                    "v".getBytes(UTF_8),
                    acl, CreateMode.PERSISTENT));
            t.op("S1 getData d", () -> zk.getData(ctx.path("d"), false, null));
            t.op("S1 getACL d (no READ, no ADMIN)", () -> zk.getACL(ctx.path("d"), null));
            TestClient wrong = ctx.connect();
            wrong.zk().addAuthInfo("digest", "carol:wrong".getBytes(UTF_8));
            t.op("S2 (carol, wrong password) getData d", () -> wrong.zk().getData(ctx.path("d"), false, null));
            t.op("S2 whoAmI", () -> wrong.zk().whoAmI());
            TestClient right = ctx.connect();
            right.zk().addAuthInfo("digest", "carol:pw1".getBytes(UTF_8));
            t.op("S3 (carol) create d/child", () -> right.zk().create(ctx.path("d/child"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            everyOperation(t, "S3 (carol) on d", right.zk(), ctx.path("d"), acl);
            t.op("S3 getACL d (ADMIN: not masked)", () -> right.zk().getACL(ctx.path("d"), null));
            t.op("create r: READ for world, ALL for carol", () -> zk.create(ctx.path("r"), null,
                    Acls.of(new ACL(Perms.READ, Ids.ANYONE_ID_UNSAFE), new ACL(Perms.ALL, new Id("digest", carol))),
                    CreateMode.PERSISTENT));
            t.op("S1 getACL r (READ only: masked)", () -> zk.getACL(ctx.path("r"), null));
            t.op("S3 getACL r (ADMIN)", () -> right.zk().getACL(ctx.path("r"), null));
            t.op("create a: ADMIN for world, READ for carol", () -> zk.create(ctx.path("a"), null,
                    Acls.of(new ACL(Perms.ADMIN, Ids.ANYONE_ID_UNSAFE), new ACL(Perms.READ, new Id("digest", carol))),
                    CreateMode.PERSISTENT));
            t.op("S1 getACL a (ADMIN, no READ: not masked)", () -> zk.getACL(ctx.path("a"), null));
            t.op("S1 getData a", () -> zk.getData(ctx.path("a"), false, null));
            t.op("S3 getData a", () -> right.zk().getData(ctx.path("a"), false, null));
            t.op("digest id with a user only and a colon (valid: two parts)", () -> zk.create(ctx.path("odd"), null,
                    Acls.of(new ACL(Perms.ALL, new Id("digest", ":onlyhash"))), CreateMode.PERSISTENT));
            t.op("S1 getACL odd", () -> zk.getACL(ctx.path("odd"), null));
        });
    }

    @Test
    void ipScheme() {
        servers.run("ip", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            t.op("whoAmI", () -> zk.whoAmI());
            for (String ip : List.of("127.0.0.1", "127.0.0.1/32", "127.0.0.0/8", "127.0.0.0/24", "0.0.0.0/0",
                    "10.0.0.0/8", "10.1.2.3", "127.0.0.2", "127.0.0.2/31", "127.0.0.0/31")) {
                String node = ctx.path("ip-" + ip.replace('/', '_'));
                t.op("create with ip:" + ip + " ALL", () -> zk.create(node, "v".getBytes(UTF_8),
                        Acls.of(new ACL(Perms.ALL, new Id("ip", ip))), CreateMode.PERSISTENT));
                t.op("  getData", () -> zk.getData(node, false, null));
                t.op("  setData", () -> zk.setData(node, null, -1).getVersion());
                t.op("  getACL", () -> zk.getACL(node, null));
            }
            TestClient other = ctx.connect();
            other.zk().addAuthInfo("ip", "10.9.9.9".getBytes(UTF_8));
            t.op("S2 after addAuthInfo ip 10.9.9.9: whoAmI", () -> other.zk().whoAmI());
            t.op("S2 getData ip-10.1.2.3", () -> other.zk().getData(ctx.path("ip-10.1.2.3"), false, null));
            t.value("S2 states", other.states());
            t.op("create with CREATOR_ALL_ACL holding only an ip identity", () -> other.zk().create(ctx.path("creator"),
                    null, Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT));
        });
    }

    @Test
    void ipIdSyntax() {
        servers.run("ipIdSyntax", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            // ZooKeeper 3.9.3 takes IPv4 literals only, and reads each number with Integer.parseInt.
            int i = 0;
            for (String ip : List.of("::1", "fe80::/10", "::ffff:127.0.0.1", "127.0.0.001", "+127.0.0.1",
                    "127.0.0.1/+32", "-0.0.0.0/0", "0127.0.0.1", "127.0.0.1/008")) {
                String node = ctx.path("n" + i++);
                t.op("create with ip:" + ip + " ALL", () -> zk.create(node, "v".getBytes(UTF_8),
                        Acls.of(new ACL(Perms.ALL, new Id("ip", ip))), CreateMode.PERSISTENT));
                t.op("  getData", () -> zk.getData(node, false, null));
            }
        });
    }

    @Test
    void superUserPassesEveryCheck() {
        servers.run("superUser", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            String nobody = digest("nobody:nopass");
            List<ACL> locked = Acls.of(new ACL(Perms.ALL, new Id("digest", nobody)));
            t.op("create locked parent (open)", () -> zk.create(ctx.path("locked"), "v".getBytes(UTF_8),
                    Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("create locked/child", () -> zk.create(ctx.path("locked/child"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.op("setACL locked to nobody's digest", () -> zk.setACL(ctx.path("locked"), locked, -1).getAversion());
            t.op("create none: perms 0 for world", () -> zk.create(ctx.path("none"), null,
                    Acls.of(new ACL(0, Ids.ANYONE_ID_UNSAFE)), CreateMode.PERSISTENT));
            TestClient almost = ctx.connect();
            almost.zk().addAuthInfo("digest", "super:not-the-password".getBytes(UTF_8));
            t.op("S2 (super, wrong password) whoAmI", () -> almost.zk().whoAmI());
            t.op("S2 getData locked", () -> almost.zk().getData(ctx.path("locked"), false, null));
            TestClient root = ctx.connect();
            root.zk().addAuthInfo("digest", ServerOptions.SUPER_CREDENTIALS.getBytes(UTF_8));
            t.op("S3 (super) whoAmI", () -> root.zk().whoAmI());
            everyOperation(t, "S3 (super) on locked", root.zk(), ctx.path("locked"), locked);
            t.op("S3 getACL locked (not masked)", () -> root.zk().getACL(ctx.path("locked"), null));
            t.op("S3 getData none", () -> root.zk().getData(ctx.path("none"), false, null));
            t.op("S3 create none/c", () -> root.zk().create(ctx.path("none/c"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
            t.run("S3 delete none/c", () -> root.zk().delete(ctx.path("none/c"), -1));
            t.op("S3 create with CREATOR_ALL_ACL", () -> root.zk().create(ctx.path("by-super"), null,
                    Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT));
            t.op("S3 getACL by-super (sorted)", () -> t.unorderedAcl(root.zk().getACL(ctx.path("by-super"), null)));
            t.op("S1 getData by-super", () -> zk.getData(ctx.path("by-super"), false, null));
            t.op("create with a super-scheme ACL", () -> zk.create(ctx.path("super-acl"), null,
                    Acls.of(new ACL(Perms.ALL, new Id("super", ""))), CreateMode.PERSISTENT));
            t.run("S3 delete by-super", () -> root.zk().delete(ctx.path("by-super"), -1));
        });
    }

    @Test
    void invalidAcls() {
        servers.run("invalidAcls", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            t.op("create n", () -> zk.create(ctx.path("n"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            List<Id> ids = List.of(new Id("nosuch", "x"), new Id("digest", "no-colon"), new Id("digest", "a:b:c"),
                    new Id("digest", "user:"), new Id("digest", ""), new Id("ip", "300.1.1.1"), new Id("ip",
                            "127.0.0.1/33"),
                    new Id("ip", "127.0.0.1/-1"), new Id("ip", "127.0.0.1/x"), new Id("ip", "not-an-ip"),
                    new Id("ip", "1.2.3"), new Id("ip", ""), new Id("ip", "1.2.3.4.5"), new Id("ip", "127.0.0.1/"),
                    new Id("world", "someone"), new Id("world", ""), new Id("super", "x"), new Id("x509", "CN=a"),
                    new Id("sasl", "bob"), new Id("DIGEST", digest("u:p")), new Id("auth", ""));
            int i = 0;
            for (Id id : ids) {
                String node = ctx.path("c" + i++);
                List<ACL> acl = Acls.of(new ACL(Perms.ALL, id));
                t.op("create with " + id.getScheme() + ":'" + id.getId() + "'", () -> zk.create(node, null, acl,
                        CreateMode.PERSISTENT));
                t.op("  setACL n to it", () -> zk.setACL(ctx.path("n"), acl, -1).getAversion());
            }
            t.op("create with a valid and an invalid entry", () -> zk.create(ctx.path("half"), null,
                    Acls.of(new ACL(Perms.ALL, Ids.ANYONE_ID_UNSAFE), new ACL(Perms.ALL, new Id("nosuch", "x"))),
                    CreateMode.PERSISTENT));
            t.op("create with duplicate entries (dropped)", () -> zk.create(ctx.path("dup"), null,
                    Acls.of(new ACL(Perms.ALL, Ids.ANYONE_ID_UNSAFE), new ACL(Perms.ALL, Ids.ANYONE_ID_UNSAFE),
                            new ACL(Perms.READ, Ids.ANYONE_ID_UNSAFE)), CreateMode.PERSISTENT));
            t.op("getACL dup", () -> zk.getACL(ctx.path("dup"), null));
            t.op("create with an empty list (client check)", () -> zk.create(ctx.path("empty"), null, Acls.of(),
                    CreateMode.PERSISTENT));
            t.op("create with INVALIDACL under a missing parent (ACL checked first)", () -> zk.create(
                    ctx.path("missing/x"), null, Acls.of(new ACL(Perms.ALL, new Id("nosuch", "x"))),
                            CreateMode.PERSISTENT));
            t.op("setACL missing with an invalid ACL (ACL checked first)", () -> zk.setACL(ctx.path("missing"),
                    Acls.of(new ACL(Perms.ALL, new Id("nosuch", "x"))), -1));
            t.op("multi create with CREATOR_ALL_ACL without auth", () -> zk.multi(List.of(
                    Op.create(ctx.path("m1"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                    Op.create(ctx.path("m2"), null, Ids.CREATOR_ALL_ACL, CreateMode.PERSISTENT))));
            // The server's own check of an empty list, bypassing the client's.
            try (RawConnection raw = ctx.raw()) {
                raw.handshake(30_000);
                byte[] body = JuteBytes.create().ustring(ctx.path("raw-empty")).buffer(null).i32(0).i32(0).bytes();
                t.line("raw create with an empty ACL -> " + RawScenarios.reply(t, raw.call(1, RawScenarios.OP_CREATE,
                        body),
                        RawScenarios.OP_CREATE));
                byte[] nullAcl = JuteBytes.create().ustring(ctx.path("raw-null")).buffer(null).i32(-1).i32(0).bytes();
                t.line("raw create with a null ACL -> " + RawScenarios.reply(t, raw.call(2, RawScenarios.OP_CREATE,
                        nullAcl),
                        RawScenarios.OP_CREATE));
                byte[] setAcl = JuteBytes.create().ustring(ctx.path("n")).i32(0).i32(-1).bytes();
                t.line("raw setACL with an empty ACL -> " + RawScenarios.reply(t, raw.call(3, 7, setAcl), 0));
                t.line("  then closeSession -> " + RawScenarios.reply(t, raw.closeSession(4), 0));
            }
            t.op("create after (failures used zxids)", () -> zk.create(ctx.path("after"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
        });
    }

    @Test
    void failedAuthenticationAndWhoAmI() {
        servers.run("authAndWhoAmI", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            t.op("create n", () -> zk.create(ctx.path("n"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            t.op("S1 whoAmI", () -> zk.whoAmI());
            zk.addAuthInfo("digest", "alice:a".getBytes(UTF_8));
            zk.addAuthInfo("digest", "bob:b".getBytes(UTF_8));
            zk.addAuthInfo("digest", "alice:a".getBytes(UTF_8));
            zk.addAuthInfo("digest", "alice:other".getBytes(UTF_8));
            zk.addAuthInfo("ip", "1.2.3.4".getBytes(UTF_8));
            zk.addAuthInfo("digest", "user:pass:with:colons".getBytes(UTF_8));
            t.op("S1 whoAmI after six addAuthInfo", () -> zk.whoAmI());
            zk.addAuthInfo("digest", ServerOptions.SUPER_CREDENTIALS.getBytes(UTF_8));
            t.op("S1 whoAmI after super", () -> zk.whoAmI());
            TestClient s2 = ctx.connect();
            s2.zk().addAuthInfo("digest", "dave:d".getBytes(UTF_8));
            t.op("S2 create with CREATOR_ALL_ACL", () -> s2.zk().create(ctx.path("dave"), null, Ids.CREATOR_ALL_ACL,
                    CreateMode.PERSISTENT));
            long s2Id = s2.sessionId();
            byte[] s2Password = s2.sessionPassword();
            s2.zk().addAuthInfo("kerberos", "x".getBytes(UTF_8));
            t.op("S2 getData dave right after a bad addAuthInfo", () -> s2.zk().getData(ctx.path("dave"), false, null));
            s2.awaitState(KeeperState.AuthFailed);
            t.value("S2 states", s2.states());
            t.op("S2 exists n after AuthFailed", () -> s2.zk().exists(ctx.path("n"), false));
            t.op("S1 getData dave (super)", () -> zk.getData(ctx.path("dave"), false, null));
            // The session outlives its failed connection; end it now rather than let it expire later.
            TestClient again = ctx.attach(s2Id, s2Password, ScenarioContext.SESSION_TIMEOUT_MS);
            again.awaitState(KeeperState.SyncConnected);
            t.op("S2 re-attached through a new handle (no credentials): whoAmI", () -> again.zk().whoAmI());
            again.close();
            try (RawConnection raw = ctx.raw()) {
                RawConnection.ConnectResponse session = raw.handshake(30_000);
                byte[] auth = JuteBytes.create().i32(0).ustring("kerberos").buffer("x".getBytes(UTF_8)).bytes();
                t.line("raw auth with an unknown scheme -> " + RawScenarios.reply(t, raw.call(-4, RawScenarios.OP_AUTH,
                        auth), 0)
                        + ", then " + RawConnection.describe(raw.read()));
                closeRawSession(ctx, session);
            }
            try (RawConnection raw = ctx.raw()) {
                RawConnection.ConnectResponse session = raw.handshake(30_000);
                byte[] auth = JuteBytes.create().i32(0).ustring("digest").buffer("eve:e".getBytes(UTF_8)).bytes();
                t.line("raw digest auth -> " + RawScenarios.reply(t, raw.call(-4, RawScenarios.OP_AUTH, auth), 0));
                byte[] noScheme = JuteBytes.create().i32(0).ustring("").buffer(new byte[0]).bytes();
                t.line("raw auth with an empty scheme -> " + RawScenarios.reply(t, raw.call(-4, RawScenarios.OP_AUTH,
                        noScheme), 0) + ", then " + RawConnection.describe(raw.read()));
                closeRawSession(ctx, session);
            }
            t.op("create after (sessions closed)", () -> zk.create(ctx.path("after"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT));
        });
    }
}
