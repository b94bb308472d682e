package io.warden.daemon.admin;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One command's answer: the HTTP status and the JSON object, which always ends with ZooKeeper's
 * {@code command} (the primary name) and {@code error} (null when there was none) fields.
 */
record AdminAnswer(int status, Map<String, Object> body) {
    static final int OK = 200;

    static AdminAnswer of(String command, Map<String, Object> report) {
        Map<String, Object> body = new LinkedHashMap<>(report);
        body.put("command", command);
        body.put("error", null);
        return new AdminAnswer(OK, body);
    }

    static AdminAnswer error(int status, String command, String error) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("command", command);
        body.put("error", error);
        return new AdminAnswer(status, body);
    }
}
