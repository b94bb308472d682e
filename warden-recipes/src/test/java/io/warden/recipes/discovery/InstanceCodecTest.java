package io.warden.recipes.discovery;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceCodecTest {

    /** What Curator 5.7.1's JsonInstanceSerializer writes for a POJO payload and a URI template. */
    static final String CURATOR_JSON = "{\"name\":\"svc\",\"id\":\"id1\",\"address\":\"10.0.0.1\",\"port\":8080,"
            + "\"sslPort\":null,\"payload\":{\"@class\":\"com.example.Details\",\"zone\":\"eu\",\"weight\":3},"
            + "\"registrationTimeUTC\":1796596093939,\"serviceType\":\"DYNAMIC\",\"uriSpec\":{\"parts\":["
            + "{\"value\":\"scheme\",\"variable\":true},{\"value\":\"://\",\"variable\":false},"
            + "{\"value\":\"address\",\"variable\":true},{\"value\":\":\",\"variable\":false},"
            + "{\"value\":\"port\",\"variable\":true}]}}";

    private static JsonNode tree(byte[] json) throws IOException {
        return JsonValues.MAPPER.readTree(json);
    }

    private static ServiceInstance full() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("zone", "eu");
        metadata.put("weight", 3);
        metadata.put("big", 10_000_000_000L);
        metadata.put("ratio", 0.5);
        metadata.put("tags", List.of("a", "b"));
        metadata.put("limits", Map.of("rps", 100));
        metadata.put("nothing", null);
        return ServiceInstance.builder("svc").id("id1").address("10.0.0.1").port(8080).sslPort(8443)
                .metadata(metadata).registrationTimeUtcMs(1_796_596_093_939L).serviceType(ServiceType.PERMANENT)
                .uriSpec("{scheme}://{address}:{port}/x").enabled(false).payloadClass("com.example.Details").build();
    }

    @Test
    void everyFieldSurvivesARoundTrip() {
        ServiceInstance instance = full();
        assertThat(InstanceCodec.decode(InstanceCodec.encode(instance))).isEqualTo(instance);

        ServiceInstance plain = ServiceInstance.builder("svc").build();
        assertThat(InstanceCodec.decode(InstanceCodec.encode(plain))).isEqualTo(plain);

        ServiceInstance mapPayload = ServiceInstance.builder("svc").metadata(Map.of("zone", "eu")).build();
        assertThat(InstanceCodec.decode(InstanceCodec.encode(mapPayload))).isEqualTo(mapPayload);

        ServiceInstance classOnly = ServiceInstance.builder("svc").payloadClass("com.example.Empty").build();
        assertThat(InstanceCodec.decode(InstanceCodec.encode(classOnly))).isEqualTo(classOnly);
    }

    @Test
    void readsCuratorsJson() {
        ServiceInstance read = InstanceCodec.decode(CURATOR_JSON.getBytes(UTF_8));

        assertThat(read.name()).isEqualTo("svc");
        assertThat(read.id()).isEqualTo("id1");
        assertThat(read.address()).isEqualTo("10.0.0.1");
        assertThat(read.port()).isEqualTo(8080);
        assertThat(read.sslPort()).isNull();
        assertThat(read.metadata()).containsExactly(Map.entry("zone", "eu"), Map.entry("weight", 3));
        assertThat(read.payloadClass()).isEqualTo("com.example.Details");
        assertThat(read.registrationTimeUtcMs()).isEqualTo(1_796_596_093_939L);
        assertThat(read.serviceType()).isEqualTo(ServiceType.DYNAMIC);
        assertThat(read.uriSpec()).isEqualTo("{scheme}://{address}:{port}");
        assertThat(read.uri()).isEqualTo("http://10.0.0.1:8080");
        assertThat(read.enabled()).isTrue();
    }

    @Test
    void writesCuratorsLayoutAndReadsItsOwnOutputTheSame() throws IOException {
        ServiceInstance read = InstanceCodec.decode(CURATOR_JSON.getBytes(UTF_8));

        assertThat(tree(InstanceCodec.encode(read))).isEqualTo(tree(CURATOR_JSON.getBytes(UTF_8)));
    }

    @Test
    void thePayloadIsNullWithoutMetadataAndAMapClassWithout() throws IOException {
        JsonNode none = tree(InstanceCodec.encode(ServiceInstance.builder("svc").build()));
        assertThat(none.get("payload").isNull()).isTrue();
        assertThat(none.has("enabled")).isFalse();

        JsonNode withMetadata = tree(InstanceCodec.encode(ServiceInstance.builder("svc")
                .metadata(Map.of("zone", "eu")).build()));
        assertThat(withMetadata.get("payload").get("@class").asText()).isEqualTo("java.util.LinkedHashMap");
        assertThat(withMetadata.get("payload").get("zone").asText()).isEqualTo("eu");
        assertThat(withMetadata.get("payload").fieldNames()).toIterable().containsExactly("@class", "zone");

        JsonNode disabled = tree(InstanceCodec.encode(ServiceInstance.builder("svc").enabled(false).build()));
        assertThat(disabled.get("enabled").asBoolean(true)).isFalse();
    }

    @Test
    void curatorJsonWithoutPayloadClassOrEnabledOrUriSpecReadsWithDefaults() {
        String json = "{\"name\":\"svc\",\"id\":\"x\",\"address\":null,\"port\":null,\"sslPort\":443,"
                + "\"payload\":{\"zone\":\"us\"},\"registrationTimeUTC\":5,\"serviceType\":\"STATIC\","
                + "\"uriSpec\":null,\"somethingNew\":[1,2]}";
        ServiceInstance read = InstanceCodec.decode(json.getBytes(UTF_8));

        assertThat(read.metadata()).containsExactly(Map.entry("zone", "us"));
        assertThat(read.payloadClass()).isNull();
        assertThat(read.sslPort()).isEqualTo(443);
        assertThat(read.serviceType()).isEqualTo(ServiceType.STATIC);
        assertThat(read.uriSpec()).isNull();
        assertThat(read.uri()).isNull();
        assertThat(read.enabled()).isTrue();

        ServiceInstance nullPayload = InstanceCodec.decode(
                "{\"name\":\"svc\",\"id\":\"x\",\"payload\":null,\"enabled\":false}".getBytes(UTF_8));
        assertThat(nullPayload.metadata()).isEmpty();
        assertThat(nullPayload.enabled()).isFalse();
        assertThat(nullPayload.serviceType()).isEqualTo(ServiceType.DYNAMIC);
    }

    @Test
    void aPayloadThatIsNotAnObjectIsLeftOut() {
        ServiceInstance read = InstanceCodec.decode(
                "{\"name\":\"svc\",\"id\":\"x\",\"payload\":\"just text\"}".getBytes(UTF_8));

        assertThat(read.metadata()).isEmpty();
        assertThat(read.payloadClass()).isNull();
    }

    @Test
    void bracesInLiteralPartsRoundTripAsBraceVariables() throws IOException {
        String json = "{\"name\":\"svc\",\"id\":\"x\",\"uriSpec\":{\"parts\":[{\"value\":\"a{b}\",\"variable\":false},"
                + "{\"value\":\"port\",\"variable\":true}]}}";
        ServiceInstance read = InstanceCodec.decode(json.getBytes(UTF_8));

        assertThat(read.uriSpec()).isEqualTo("a{[}b{]}{port}");
        assertThat(read.toBuilder().port(1).build().uri()).isEqualTo("a{b}1");
        JsonNode parts = tree(InstanceCodec.encode(read)).get("uriSpec").get("parts");
        assertThat(parts.toString()).isEqualTo("[{\"value\":\"a\",\"variable\":false},"
                + "{\"value\":\"[\",\"variable\":true},{\"value\":\"b\",\"variable\":false},"
                + "{\"value\":\"]\",\"variable\":true},{\"value\":\"port\",\"variable\":true}]");
    }

    @Test
    void malformedDataIsRejectedWithTheReason() {
        assertThatThrownBy(() -> InstanceCodec.decode(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no data");
        assertThatThrownBy(() -> InstanceCodec.decode("{not json".getBytes(UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> InstanceCodec.decode("[1,2]".getBytes(UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> InstanceCodec.decode("{\"id\":\"x\"}".getBytes(UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"name\"");
        assertThatThrownBy(() -> InstanceCodec.decode("{\"name\":\"s\",\"id\":\"x\",\"port\":\"80\"}".getBytes(UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"port\"");
        assertThatThrownBy(() -> InstanceCodec.decode(
                "{\"name\":\"s\",\"id\":\"x\",\"serviceType\":\"ODD\"}".getBytes(UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ODD");
        assertThatThrownBy(() -> InstanceCodec.decode(
                "{\"name\":\"s\",\"id\":\"x\",\"uriSpec\":\"{port}\"}".getBytes(UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uriSpec");
        assertThatThrownBy(() -> InstanceCodec.decode(
                "{\"name\":\"s\",\"id\":\"x\",\"enabled\":\"no\"}".getBytes(UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("enabled");
    }
}
