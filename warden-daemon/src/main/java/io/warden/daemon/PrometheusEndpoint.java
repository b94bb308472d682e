package io.warden.daemon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Prometheus scrape over HTTP (the JDK's server): {@code GET} or {@code HEAD} on {@value
 * PrometheusSettings#PATH} answers the scrape; other paths get 404, other methods 405.
 * {@link #THREADS} threads answer; while they are busy at most {@link #QUEUED_MAX} exchanges wait
 * and beyond that the accepting thread answers itself, so no more is accepted until one is done.
 * The JDK server reads a request on the answering thread, so a client that sends part of a
 * request and stops would hold a thread for ever: the server's request and response times are
 * bounded ({@link #EXCHANGE_SECONDS_MAX}, through the JDK's {@code sun.net.httpserver.maxReqTime}
 * and {@code maxRspTime}, set unless the operator set them), after which it closes the
 * connection. A request that fails closes its own connection; malformed HTTP is closed by the JDK
 * server.
 */
final class PrometheusEndpoint implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusEndpoint.class);
    /** Exchanges waiting for the scrape thread at most. */
    static final int QUEUED_MAX = 16;
    /** Threads answering exchanges: a slow client holds one until {@link #EXCHANGE_SECONDS_MAX}. */
    static final int THREADS = 2;
    /** The longest a request may take to arrive, and a response to be taken, before the connection is closed. */
    static final long EXCHANGE_SECONDS_MAX = 10;
    /** Connections waiting to be accepted at most (the listen backlog). */
    static final int BACKLOG = 16;
    /** How long closing waits for an exchange in progress. */
    static final int STOP_WAIT_SECONDS = 1;
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ThreadPoolExecutor executor;

    private PrometheusEndpoint(HttpServer server, ThreadPoolExecutor executor) {
        this.server = server;
        this.executor = executor;
    }

    static PrometheusEndpoint start(PrometheusSettings settings, PrometheusScrape scrape) throws IOException {
        boundExchangeTimes();
        HttpServer server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), BACKLOG);
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUED_MAX), runnable -> {
                    Thread thread = new Thread(runnable, "warden-prometheus");
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
        server.setExecutor(executor);
        server.createContext("/", exchange -> answer(exchange, scrape));
        server.start();
        return new PrometheusEndpoint(server, executor);
    }

    int port() {
        return server.getAddress().getPort();
    }

    /**
     * The JDK server reads its time bounds once, when it is first used in the process: they are
     * set before the first server is created, unless given on the command line.
     */
    private static void boundExchangeTimes() {
        for (String property : new String[] {"sun.net.httpserver.maxReqTime", "sun.net.httpserver.maxRspTime"}) {
            if (System.getProperty(property) == null) {
                System.setProperty(property, Long.toString(EXCHANGE_SECONDS_MAX));
            }
        }
    }

    private static void answer(HttpExchange exchange, PrometheusScrape scrape) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!PrometheusSettings.PATH.equals(exchange.getRequestURI().getPath())) {
                send(exchange, 404, "not found: the scrape is at " + PrometheusSettings.PATH + "\n", false);
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "method not allowed\n", false);
            } else {
                exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
                send(exchange, 200, scrape.scrape(), method.equals("HEAD"));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("a Prometheus scrape from {} failed; its connection is closed", exchange.getRemoteAddress(), e);
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    private static void send(HttpExchange exchange, int status, String body, boolean headOnly) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (headOnly) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(STOP_WAIT_SECONDS);
        executor.shutdownNow();
    }
}
