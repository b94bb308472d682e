package io.warden.recipes.barrier;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BarrierMembersTest {

    @Test
    void everyChildButReadyIsAParticipantInNameOrder() {
        assertThat(BarrierMembers.participants(List.of("c-uuid", "ready", "a-uuid", "b-uuid")))
                .containsExactly("a-uuid", "b-uuid", "c-uuid");
        assertThat(BarrierMembers.participants(List.of("ready"))).isEmpty();
        assertThat(BarrierMembers.participants(List.of())).isEmpty();
    }
}
