package io.warden.daemon.console;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer of the console: status, content type, body, and headers. Every answer carries the
 * {@link #SECURITY_HEADERS}: a Content-Security-Policy that allows only the console's own scripts,
 * styles and images and no framing, no content sniffing, and no caching.
 */
public record ConsoleResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    /** Scripts, styles, images and requests from this origin only; no inline script, no framing, no forms. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-store");
    static final String JSON = "application/json;charset=utf-8";
    static final String TEXT = "text/plain;charset=utf-8";

    public ConsoleResponse {
        Map<String, String> all = new LinkedHashMap<>(SECURITY_HEADERS);
        all.putAll(headers);
        headers = Map.copyOf(all);
    }

    static ConsoleResponse of(int status, String contentType, byte[] body) {
        return new ConsoleResponse(status, contentType, body, Map.of());
    }

    public static ConsoleResponse text(int status, String text) {
        return of(status, TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    static ConsoleResponse redirect(String location) {
        return new ConsoleResponse(302, TEXT, new byte[0], Map.of("Location", location));
    }

    /** The body as text, for tests and logs. */
    String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
