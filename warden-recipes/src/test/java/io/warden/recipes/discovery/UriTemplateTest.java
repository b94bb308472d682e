package io.warden.recipes.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.warden.recipes.discovery.UriTemplate.Part;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UriTemplateTest {

    @Test
    void parsesLiteralsAndVariablesAndRendersThemBack() {
        List<Part> parts = UriTemplate.parse("{scheme}://host:{port}/api");

        assertThat(parts).containsExactly(new Part("scheme", true), new Part("://host:", false),
                new Part("port", true), new Part("/api", false));
        assertThat(UriTemplate.render(parts)).isEqualTo("{scheme}://host:{port}/api");
    }

    @Test
    void rejectsUnbalancedNestedAndEmptyVariables() {
        assertThatThrownBy(() -> UriTemplate.parse("{a{b}}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UriTemplate.parse("a}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UriTemplate.parse("{a")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UriTemplate.parse("x{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServiceInstance.builder("s").uriSpec("{port")).isInstanceOf(
                IllegalArgumentException.class);
    }

    @Test
    void expandsKnownVariablesAndBracesAndDropsUnknownOnes() {
        String uri = UriTemplate.expand(UriTemplate.parse("{a}-{[}{b}{]}-{missing}"), Map.of("a", 1, "b", "x"));

        assertThat(uri).isEqualTo("1-{x}-");
    }

    @Test
    void anInstanceFillsInCuratorsVariables() {
        ServiceInstance instance = ServiceInstance.builder("api").id("i1").address("h").port(80).sslPort(443)
                .registrationTimeUtcMs(7).serviceType(ServiceType.STATIC)
                .uriSpec("{scheme}://{address}:{ssl-port}/{name}/{id}/{service-type}/{registration-time-utc}/{port}")
                .build();

        assertThat(instance.uri()).isEqualTo("https://h:443/api/i1/static/7/80");
        assertThat(instance.toBuilder().sslPort(null).build().uri()).startsWith("http://h:/");
        assertThat(instance.uri(Map.of("scheme", "grpc"))).startsWith("grpc://");
    }
}
