package io.warden.it.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A headless Chromium driven through chromedriver with the W3C WebDriver HTTP protocol, spoken
 * with the JDK's HTTP client and Jackson: just the commands the console's tests need (navigate,
 * find by CSS selector, click, type, read text, run a script, take a screenshot). One process of
 * chromedriver and one browser session per instance; {@link #close} ends both.
 */
final class WebDriver implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** The W3C key for element references. */
    private static final String ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf";
    private static final Pattern STARTED_ON_PORT = Pattern.compile("started successfully on port (\\d+)");
    private static final Duration STARTUP_MAX = Duration.ofSeconds(60);
    private static final Duration COMMAND_MAX = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process driver;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String sessionId;

    /** A found element, by the browser's reference. */
    record Element(String id) {
    }

    private WebDriver(Process driver, String base, String sessionId) {
        this.driver = driver;
        this.base = base;
        this.sessionId = sessionId;
    }

    /** Whether Debian's chromium and chromedriver are installed. */
    static boolean installed() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /**
     * Starts chromedriver on a port it picks, and a headless browser session with a fresh profile
     * in {@code profileDir}, sized 1280x800.
     */
    static WebDriver start(Path profileDir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=0").redirectErrorStream(true).start();
        try {
            int port = portFrom(process);
            String base = "http://127.0.0.1:" + port;
            ObjectNode options = JSON.createObjectNode();
            options.put("binary", CHROMIUM.toString());
            options.putPOJO("args", List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,800",
                    "--user-data-dir=" + profileDir.toAbsolutePath()));
            ObjectNode capabilities = JSON.createObjectNode();
            capabilities.put("browserName", "chrome");
            capabilities.set("goog:chromeOptions", options);
            ObjectNode body = JSON.createObjectNode();
            body.set("capabilities", JSON.createObjectNode().set("alwaysMatch", capabilities));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            JsonNode answer = send(http, HttpRequest.newBuilder(URI.create(base + "/session")), "POST", body);
            return new WebDriver(process, base, answer.get("value").get("sessionId").asText());
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Reads chromedriver's output until it says which port it listens on (it keeps writing to it after). */
    private static int portFrom(Process process) throws IOException, InterruptedException {
        InputStream out = process.getInputStream();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            StringBuilder seen = new StringBuilder();
            byte[] buffer = new byte[1024];
            try {
                for (int n; (n = out.read(buffer)) > 0;) {
                    if (!port.isDone()) {
                        seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        Matcher matcher = STARTED_ON_PORT.matcher(seen);
                        if (matcher.find()) {
                            port.complete(Integer.parseInt(matcher.group(1)));
                        }
                    }
                }
                port.completeExceptionally(new IOException("chromedriver ended before it listened: " + seen));
            } catch (IOException e) {
                port.completeExceptionally(e);
            }
        }, "chromedriver-output");
        reader.setDaemon(true);
        reader.start();
        try {
            return port.get(STARTUP_MAX.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("chromedriver did not start", e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException("chromedriver did not say its port within " + STARTUP_MAX);
        }
    }

    private static JsonNode send(HttpClient http, HttpRequest.Builder request, String method, JsonNode body)
            throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        HttpResponse<String> response = http.send(request.timeout(COMMAND_MAX)
                .header("Content-Type", "application/json; charset=utf-8").method(method, publisher).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            JsonNode value = answer.path("value");
            throw new WebDriverException(value.path("error").asText() + ": " + value.path("message").asText());
        }
        return answer;
    }

    /** A WebDriver command failed (no such element, a stale one, ...). */
    static final class WebDriverException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WebDriverException(String message) {
            super(message);
        }
    }

    private JsonNode command(String method, String path, JsonNode body) {
        try {
            return send(http, HttpRequest.newBuilder(URI.create(base + "/session/" + sessionId + path)), method, body)
                    .get("value");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static ObjectNode object(Map<String, ?> fields) {
        ObjectNode node = JSON.createObjectNode();
        fields.forEach(node::putPOJO);
        return node;
    }

    void open(String url) {
        command("POST", "/url", object(Map.of("url", url)));
    }

    /** The elements matching a CSS selector, in document order (none: empty). */
    List<Element> findAll(String css) {
        JsonNode found = command("POST", "/elements", object(Map.of("using", "css selector", "value", css)));
        List<Element> elements = new ArrayList<>();
        for (JsonNode element : found) {
            elements.add(new Element(element.get(ELEMENT_KEY).asText()));
        }
        return elements;
    }

    /** The first element matching a CSS selector; throws when there is none. */
    Element find(String css) {
        List<Element> all = findAll(css);
        if (all.isEmpty()) {
            throw new WebDriverException("no element matches " + css);
        }
        return all.get(0);
    }

    void click(Element element) {
        command("POST", "/element/" + element.id() + "/click", JSON.createObjectNode());
    }

    void clear(Element element) {
        command("POST", "/element/" + element.id() + "/clear", JSON.createObjectNode());
    }

    void type(Element element, String text) {
        command("POST", "/element/" + element.id() + "/value", object(Map.of("text", text)));
    }

    /** The element's rendered text. */
    String text(Element element) {
        return command("GET", "/element/" + element.id() + "/text", null).asText();
    }

    /** A property of the element (such as {@code value} of an input). */
    String property(Element element, String name) {
        return command("GET", "/element/" + element.id() + "/property/" + name, null).asText();
    }

    /** Runs a script in the page and returns its result as JSON. */
    JsonNode script(String script, Object... args) {
        return command("POST", "/execute/sync", object(Map.of("script", script, "args", List.of(args))));
    }

    /** A PNG of the window. */
    byte[] screenshot() {
        return Base64.getDecoder().decode(command("GET", "/screenshot", null).asText());
    }

    @Override
    public void close() {
        try {
            command("DELETE", "", null);
        } catch (RuntimeException e) {
            // the browser may be gone already; the driver process is ended below regardless
        } finally {
            driver.destroy();
            try {
                if (!driver.waitFor(10, TimeUnit.SECONDS)) {
                    driver.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                driver.destroyForcibly();
            }
        }
    }
}
