package io.warden.tree;

import static io.warden.tree.TreeFixture.stat;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import org.junit.jupiter.api.Test;

/** The nodes a fresh tree starts with (§5.1, §9.3). */
class BuiltInNodesTest {

    @Test
    void rootStat() {
        assertThat(new TreeFixture().stat("/")).isEqualTo(stat(0, 0, 0, 0, 0, -1, 0, 0, 0, 1, 0));
    }

    @Test
    void zookeeperStat() {
        assertThat(new TreeFixture().stat("/zookeeper")).isEqualTo(stat(0, 0, 0, 0, 0, -2, 0, 0, 0, 2, 0));
    }

    @Test
    void quotaStat() {
        assertThat(new TreeFixture().stat("/zookeeper/quota")).isEqualTo(stat(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void configStat() {
        assertThat(new TreeFixture().stat("/zookeeper/config")).isEqualTo(stat(0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0));
    }

    @Test
    void childrenOfBuiltIns() {
        TreeFixture f = new TreeFixture();
        assertThat(f.children("/")).containsExactly("zookeeper");
        assertThat(f.children("/zookeeper")).containsExactly("config", "quota");
    }

    @Test
    void aclsOfBuiltIns() {
        TreeFixture f = new TreeFixture();
        assertThat(((OpResult.AclResult) f.tree.getAcl("/", TreeFixture.ANONYMOUS)).acl())
                .isEqualTo(Acl.OPEN_ACL_UNSAFE);
        assertThat(((OpResult.AclResult) f.tree.getAcl("/zookeeper", TreeFixture.ANONYMOUS)).acl())
                .isEqualTo(Acl.OPEN_ACL_UNSAFE);
        assertThat(((OpResult.AclResult) f.tree.getAcl("/zookeeper/config", TreeFixture.ANONYMOUS)).acl())
                .isEqualTo(Acl.READ_ACL_UNSAFE);
    }

    @Test
    void configIsReadOnlyForOrdinaryClients() {
        TreeFixture f = new TreeFixture();
        assertThat(TreeFixture.code(f.result(TreeFixture.setData("/zookeeper/config", new byte[] {1}))))
                .isEqualTo(ErrorCode.NOAUTH);
    }

    @Test
    void nodesMayBeCreatedUnderZookeeper() {
        TreeFixture f = new TreeFixture();
        f.mustCreate("/zookeeper/x");
        assertThat(f.stat("/zookeeper").numChildren()).isEqualTo(3);
        assertThat(f.stat("/zookeeper").cversion()).isEqualTo(-1);
    }

    @Test
    void freshTreeCounts() {
        DataTree tree = new TreeFixture().tree;
        assertThat(tree.lastZxid()).isZero();
        assertThat(tree.sessions()).isEmpty();
        assertThat(tree.ephemeralCount()).isZero();
        assertThat(tree.watchCount()).isZero();
    }
}
