package io.warden.daemon.console;

import java.util.Map;

/**
 * One HTTP request to the console, as plain values: the parts the console reads and nothing
 * else (no forwarded-for header is ever read).
 *
 * @param method        the HTTP method, upper case
 * @param path          the decoded path, starting with {@link WebConsole#PREFIX}
 * @param query         the query's parameters (the first value of each)
 * @param authorization the {@code Authorization} header, or null
 * @param contentType   the {@code Content-Type} header, or null
 * @param csrfHeader    the {@link WebConsole#CSRF_HEADER} header, or null
 * @param origin        the {@code Origin} header, or null
 * @param host          the {@code Host} header, or null
 * @param body          the body's bytes (empty when there is none)
 * @param remoteAddress the client's IP address literal
 */
public record ConsoleRequest(String method, String path, Map<String, String> query, String authorization,
        String contentType, String csrfHeader, String origin, String host, byte[] body, String remoteAddress) {
    public ConsoleRequest {
        query = Map.copyOf(query);
    }

    /** A query parameter, or null. */
    String param(String name) {
        return query.get(name);
    }
}
