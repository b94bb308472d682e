package io.warden.recipes.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceInstanceTest {

    @Test
    void defaults() {
        ServiceInstance one = ServiceInstance.builder("api").build();
        ServiceInstance two = ServiceInstance.builder("api").build();

        assertThat(one.id()).isNotEqualTo(two.id()).hasSize(36);
        assertThat(one.serviceType()).isEqualTo(ServiceType.DYNAMIC);
        assertThat(one.enabled()).isTrue();
        assertThat(one.metadata()).isEmpty();
        assertThat(one.address()).isNull();
        assertThat(one.port()).isNull();
        assertThat(one.uriSpec()).isNull();
        assertThat(one.payloadClass()).isNull();
    }

    @Test
    void metadataIsKeptAsJsonReadsItBackAndCannotBeChanged() {
        Map<String, Object> given = new HashMap<>();
        given.put("long", 3L);
        given.put("float", 1.5f);
        given.put("huge", new BigInteger("123456789012345678901234567890"));
        given.put("list", List.of(1L, "x"));
        ServiceInstance instance = ServiceInstance.builder("api").metadata(given).build();
        given.put("later", true);

        assertThat(instance.metadata()).containsEntry("long", 3).containsEntry("float", 1.5)
                .containsEntry("huge", new BigInteger("123456789012345678901234567890"))
                .containsEntry("list", List.of(1, "x")).doesNotContainKey("later");
        assertThatThrownBy(() -> instance.metadata().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) instance.metadata().get("list");
        assertThatThrownBy(() -> list.add(2)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theClassKeyIsReservedAndEmptyNamesAreRefused() {
        assertThatThrownBy(() -> ServiceInstance.builder("api").metadata(Map.of("@class", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payloadClass");
        assertThatThrownBy(() -> ServiceInstance.builder("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServiceInstance.builder("api").id(null)).isInstanceOf(
                IllegalArgumentException.class);
    }

    @Test
    void toBuilderChangesOnlyWhatItIsTold() {
        ServiceInstance instance = ServiceInstance.builder("api").id("a").address("h").port(1)
                .metadata(Map.of("k", "v")).uriSpec("{port}").build();
        ServiceInstance disabled = instance.toBuilder().enabled(false).build();

        assertThat(disabled).isNotEqualTo(instance);
        assertThat(disabled.toBuilder().enabled(true).build()).isEqualTo(instance).hasSameHashCodeAs(instance);
    }
}
