package io.warden.recipes.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Instance metadata as plain JSON values: maps with string keys, lists, strings, numbers, booleans
 * and nulls, exactly as Jackson reads them (whole numbers as Integer, Long or BigInteger, others as
 * Double), deeply unmodifiable. Metadata is kept in this form so that an instance read back from its
 * node equals the one that was written.
 */
final class JsonValues {
    /** The one mapper of the package; configured once, then shared (it is thread-safe). */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final JavaType MAP_TYPE = MAPPER.getTypeFactory().constructType(
            new TypeReference<LinkedHashMap<String, Object>>() {
            });

    private JsonValues() {
    }

    /**
     * {@code map} written as JSON and read back; IllegalArgumentException when Jackson cannot write
     * it (a null key, a value it has no serializer for).
     */
    static Map<String, Object> normalize(Map<String, ?> map) {
        try {
            return readOnly(MAPPER.readValue(MAPPER.writeValueAsBytes(map), MAP_TYPE));
        } catch (IOException e) {
            throw new IllegalArgumentException("metadata must be writable as JSON: " + e.getMessage(), e);
        }
    }

    /** The JSON object {@code node} as a map of plain values. */
    static Map<String, Object> fromTree(JsonNode node) {
        try {
            return readOnly(MAPPER.treeToValue(node, MAP_TYPE));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> readOnly(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(key, readOnlyValue(value)));
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    private static Object readOnlyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return readOnly((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object each : list) {
                copy.add(readOnlyValue(each));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }
}
