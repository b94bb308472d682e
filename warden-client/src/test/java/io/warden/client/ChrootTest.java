package io.warden.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChrootTest {
    private final Chroot chroot = Chroot.of("/app");

    @Test
    void outgoingPathsGetTheChrootAndTheRootIsTheChrootItself() {
        assertThat(chroot.toServer("/")).isEqualTo("/app");
        assertThat(chroot.toServer("/a/b")).isEqualTo("/app/a/b");
    }

    @Test
    void incomingPathsLoseItAndPathsOutsideItStayAsTheyAre() {
        assertThat(chroot.toClient("/app")).isEqualTo("/");
        assertThat(chroot.toClient("/app/a")).isEqualTo("/a");
        assertThat(chroot.toClient("/apple")).isEqualTo("/apple");
        assertThat(chroot.toClient("/zookeeper/config")).isEqualTo("/zookeeper/config");
    }

    @Test
    void noChrootChangesNothing() {
        assertThat(Chroot.NONE.toServer("/a")).isEqualTo("/a");
        assertThat(Chroot.NONE.toClient("/a")).isEqualTo("/a");
    }
}
