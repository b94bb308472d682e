package io.warden.recipes.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The JSON of an instance's node, in the layout of curator-x-discovery 5.x's
 * {@code JsonInstanceSerializer}: {@code name}, {@code id}, {@code address}, {@code port},
 * {@code sslPort}, {@code payload}, {@code registrationTimeUTC}, {@code serviceType},
 * {@code uriSpec} (a list of parts) and, only for a disabled instance, {@code enabled} (Curator's
 * compatible mode, its default, leaves it out, and older readers may refuse fields they do not know).
 *
 * <p>The payload is the metadata object with Jackson's {@code "@class"} in it: the payload class, or
 * {@code java.util.LinkedHashMap} when there is none, which Curator readers with a {@code Map} or
 * {@code Object} payload type read as a map. Without metadata or payload class the payload is null.
 * Reading, {@code "@class"} becomes the payload class again (none for {@code java.util.LinkedHashMap},
 * so that what was written without one reads back without one); a payload that is not a JSON object
 * (Curator's plain string payload, say) has no metadata to offer and is left out.
 */
final class InstanceCodec {
    /** What the payload's {@code "@class"} says when the instance names no class of its own. */
    static final String MAP_CLASS = "java.util.LinkedHashMap";

    private InstanceCodec() {
    }

    static byte[] encode(ServiceInstance instance) {
        ObjectNode root = JsonValues.MAPPER.createObjectNode();
        root.put("name", instance.name());
        root.put("id", instance.id());
        root.put("address", instance.address());
        root.put("port", instance.port());
        root.put("sslPort", instance.sslPort());
        if (instance.metadata().isEmpty() && instance.payloadClass() == null) {
            root.putNull("payload");
        } else {
            ObjectNode payload = root.putObject("payload");
            payload.put(ServiceInstance.CLASS_KEY,
                    instance.payloadClass() != null ? instance.payloadClass() : MAP_CLASS);
            for (Map.Entry<String, Object> entry : instance.metadata().entrySet()) {
                payload.set(entry.getKey(), JsonValues.MAPPER.valueToTree(entry.getValue()));
            }
        }
        root.put("registrationTimeUTC", instance.registrationTimeUtcMs());
        root.put("serviceType", instance.serviceType().name());
        if (instance.uriSpec() == null) {
            root.putNull("uriSpec");
        } else {
            ArrayNode parts = root.putObject("uriSpec").putArray("parts");
            for (UriTemplate.Part part : UriTemplate.parse(instance.uriSpec())) {
                parts.addObject().put("value", part.value()).put("variable", part.variable());
            }
        }
        if (!instance.enabled()) {
            root.put("enabled", false);
        }
        try {
            return JsonValues.MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the JSON of " + instance, e);
        }
    }

    /** The instance in {@code data}; IllegalArgumentException saying what is wrong when it is not one. */
    static ServiceInstance decode(byte[] data) {
        if (data == null || data.length == 0) {
            throw new IllegalArgumentException("the node has no data");
        }
        JsonNode root;
        try {
            root = JsonValues.MAPPER.readTree(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        ServiceInstance.Builder builder = ServiceInstance.builder(requiredText(root, "name"))
                .id(requiredText(root, "id"))
                .address(optionalText(root, "address"))
                .port(optionalInt(root, "port"))
                .sslPort(optionalInt(root, "sslPort"))
                .registrationTimeUtcMs(optionalLong(root, "registrationTimeUTC"))
                .serviceType(serviceType(root))
                .uriSpec(uriSpec(root.get("uriSpec")))
                .enabled(enabled(root));
        JsonNode payload = root.get("payload");
        if (payload != null && payload.isObject()) {
            ObjectNode fields = ((ObjectNode) payload).deepCopy();
            JsonNode payloadClass = fields.remove(ServiceInstance.CLASS_KEY);
            if (payloadClass != null && payloadClass.isTextual() && !payloadClass.textValue().isEmpty()
                    && !payloadClass.textValue().equals(MAP_CLASS)) {
                builder.payloadClass(payloadClass.textValue());
            }
            builder.metadata(JsonValues.fromTree(fields));
        }
        return builder.build();
    }

    private static String requiredText(JsonNode root, String field) {
        String value = optionalText(root, field);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("\"" + field + "\" is missing or empty");
        }
        return value;
    }

    private static String optionalText(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" is not a string: " + node);
        }
        return node.textValue();
    }

    private static Integer optionalInt(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new IllegalArgumentException("\"" + field + "\" is not an int: " + node);
        }
        return node.intValue();
    }

    private static long optionalLong(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new IllegalArgumentException("\"" + field + "\" is not a long: " + node);
        }
        return node.longValue();
    }

    private static ServiceType serviceType(JsonNode root) {
        String name = optionalText(root, "serviceType");
        if (name == null) {
            return ServiceType.DYNAMIC;
        }
        try {
            return ServiceType.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown serviceType \"" + name + "\"", e);
        }
    }

    private static boolean enabled(JsonNode root) {
        JsonNode node = root.get("enabled");
        if (node == null || node.isNull()) {
            return true;
        }
        if (!node.isBoolean()) {
            throw new IllegalArgumentException("\"enabled\" is not a boolean: " + node);
        }
        return node.booleanValue();
    }

    /** The template of Curator's {@code {"parts": [{"value": ..., "variable": ...}, ...]}}, or null. */
    private static String uriSpec(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        JsonNode parts = node.get("parts");
        if (!node.isObject() || parts == null || !parts.isArray()) {
            throw new IllegalArgumentException("\"uriSpec\" is not an object with a \"parts\" list: " + node);
        }
        List<UriTemplate.Part> read = new ArrayList<>();
        for (JsonNode part : parts) {
            JsonNode value = part.get("value");
            JsonNode variable = part.get("variable");
            if (value == null || !value.isTextual() || (variable != null && !variable.isBoolean())) {
                throw new IllegalArgumentException("a uriSpec part is not {\"value\": text, \"variable\": boolean}: "
                        + part);
            }
            read.add(new UriTemplate.Part(value.textValue(), variable != null && variable.booleanValue()));
        }
        String template = UriTemplate.render(read);
        return template.isEmpty() ? null : template;
    }
}
