package io.warden.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.List;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Op;
import org.apache.zookeeper.ZooDefs.Ids;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every create mode with extended types disabled (the default): the TTL modes are refused, the
 * others behave as usual, and a TTL create inside a multi fails the whole multi.
 */
class ExtendedTypesDisabledDifferentialTest {

    @RegisterExtension
    static final Differential servers = Differential.with(ServerOptions.defaults().withExtendedTypesEnabled(false));

    @Test
    void everyCreateModeWithExtendedTypesOff() {
        servers.run("everyCreateModeExtendedOff", ctx -> {
            Transcript t = ctx.t();
            ZooKeeper zk = ctx.zk();
            for (CreateMode mode : CreateMode.values()) {
                String name = mode.name().toLowerCase();
                String path = ctx.path(mode.isSequential() ? name + "-" : name);
                long ttl = mode.isTTL() ? 3_600_000 : -1;
                Stat created = new Stat();
                String actual = t.op("create2 " + mode, () -> zk.create(path, name.getBytes(UTF_8),
                        Ids.OPEN_ACL_UNSAFE, mode, created, ttl));
                if (actual != null) {
                    t.value("  stat", created);
                }
                ctx.stat("  parent after", ctx.root());
            }
            t.op("multi with a TTL create", () -> zk.multi(List.of(
                    Op.create(ctx.path("m1"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT),
                    Op.create(ctx.path("m2"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT_WITH_TTL, 1000),
                    Op.create(ctx.path("m3"), null, Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT))));
            t.op("children", () -> zk.getChildren(ctx.root(), false));
            t.run("delete container", () -> zk.delete(ctx.path("container"), -1));
            t.op("create after (zxids used)", () -> zk.create(ctx.path("after"), null, Ids.OPEN_ACL_UNSAFE,
                    CreateMode.PERSISTENT, new Stat()));
        });
    }
}
