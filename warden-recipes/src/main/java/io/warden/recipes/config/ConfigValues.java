package io.warden.recipes.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Values as stored and as read: a value is its node's data as UTF-8 text; a node with no data
 * (null or empty) holds no value. Typed reads parse the text and name the key when it does not parse.
 */
final class ConfigValues {
    /** The most characters of a bad value quoted in an error message. */
    static final int QUOTED_CHARS_MAX = 64;

    /** Properties the target type does not know are ignored, so a value may grow ahead of its readers. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final byte[] NO_DATA = new byte[0];

    private ConfigValues() {
    }

    /** The value a node's data holds, or null when it holds none. */
    static String text(byte[] data) {
        return data == null || data.length == 0 ? null : new String(data, StandardCharsets.UTF_8);
    }

    /** The data of a value; an empty value is refused, since it would read as no value. */
    static byte[] bytes(String key, String value) {
        if (value == null) {
            throw new IllegalArgumentException("the value of config key '" + key + "' must not be null;"
                    + " use remove(key) to remove a key");
        }
        if (value.isEmpty()) {
            throw new IllegalArgumentException("the value of config key '" + key + "' must not be empty: a node"
                    + " without data holds no value; use remove(key) to remove a key");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** The data of a node that holds no value (a parent created for a deeper key, a removed key with children). */
    static byte[] noData() {
        return NO_DATA.clone();
    }

    static int parseInt(String key, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw bad(key, text, "an int", e);
        }
    }

    static long parseLong(String key, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw bad(key, text, "a long", e);
        }
    }

    static double parseDouble(String key, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw bad(key, text, "a double", e);
        }
    }

    /** {@code true} or {@code false}, in any case; anything else is refused rather than read as false. */
    static boolean parseBoolean(String key, String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("true")) {
            return true;
        }
        if (trimmed.equals("false")) {
            return false;
        }
        throw bad(key, text, "a boolean (true or false)", null);
    }

    /** An ISO-8601 duration ({@code PT30S}, {@code P1DT2H}) or a whole number of milliseconds ({@code 1500}). */
    static Duration parseDuration(String key, String text) {
        String trimmed = text.trim();
        try {
            return Duration.ofMillis(Long.parseLong(trimmed));
        } catch (NumberFormatException notMillis) {
            try {
                return Duration.parse(trimmed);
            } catch (DateTimeParseException e) {
                throw bad(key, text, "a duration (ISO-8601 such as PT30S, or whole milliseconds)", e);
            }
        }
    }

    static <T> T decodeJson(String key, String text, Class<T> type) {
        try {
            return JSON.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw bad(key, text, "JSON for " + type.getName() + " (" + e.getOriginalMessage() + ")", e);
        }
    }

    static String encodeJson(String key, Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write the value of config key '" + key + "' as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static IllegalArgumentException bad(String key, String text, String wanted, Exception cause) {
        String quoted = text.length() <= QUOTED_CHARS_MAX ? text
                : text.substring(0, QUOTED_CHARS_MAX) + "... (" + text.length() + " characters)";
        return new IllegalArgumentException("config key '" + key + "' holds \"" + quoted + "\", which is not "
                + wanted, cause);
    }
}
