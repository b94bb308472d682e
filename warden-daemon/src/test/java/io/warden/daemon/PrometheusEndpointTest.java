package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.warden.daemon.config.ConfigException;
import io.warden.daemon.config.ServerConfig;
import io.warden.daemon.config.ZooCfgParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Prometheus scrape of a real standalone server: format, ZooKeeper's names, bad requests, off by default. */
class PrometheusEndpointTest {
    /** A sample line of the text format: name, optional labels, value (a Go float). */
    private static final Pattern SAMPLE = Pattern.compile(
            "[a-zA-Z_:][a-zA-Z0-9_:]*(\\{[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\"(,[a-zA-Z_][a-zA-Z0-9_]*=\"[^\"]*\")*,?})?"
                    + " (-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)( -?[0-9]+)?");
    private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) [a-zA-Z_:][a-zA-Z0-9_:]* .*");
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private ServerConfig config(String... extra) throws ConfigException {
        List<String> lines = new ArrayList<>(List.of("dataDir=" + dir, "clientPort=0", "clientPortAddress=127.0.0.1"));
        lines.addAll(List.of(extra));
        return ZooCfgParser.parse(lines, "zoo.cfg", Map.of()).config();
    }

    private ServerConfig withPrometheus() throws ConfigException {
        return config("metricsProvider.className=" + PrometheusSettings.PROVIDER, "metricsProvider.httpPort=0",
                "metricsProvider.httpHost=127.0.0.1");
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(WAIT).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(WAIT)
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Set<String> sampleNames(String scrape) {
        Set<String> names = new HashSet<>();
        for (String line : scrape.lines().toList()) {
            if (line.isEmpty() || line.startsWith("#")) {
                assertThat(line.isEmpty() || COMMENT.matcher(line).matches()).as("comment line: %s", line).isTrue();
                continue;
            }
            assertThat(SAMPLE.matcher(line).matches()).as("sample line: %s", line).isTrue();
            names.add(line.split("[{ ]", 2)[0]);
        }
        return names;
    }

    @Test
    void theScrapeParsesAndCarriesZooKeepersNamesAndWardensOwn() throws Exception {
        try (WardenServer server = WardenServer.start(withPrometheus())) {
            assertThat(server.prometheusPort()).isPositive();
            // The driver publishes the mntr values on its first tick.
            await().atMost(WAIT).until(() -> sampleNames(get(server.prometheusPort(), "/metrics").body())
                    .contains("znode_count"));
            HttpResponse<String> response = get(server.prometheusPort(), "/metrics");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(PrometheusEndpoint.CONTENT_TYPE);
            Set<String> names = sampleNames(response.body());
            // Names as ZooKeeper 3.9.3's Prometheus provider exports them (no zk_ prefix).
            assertThat(names).contains("znode_count", "watch_count", "outstanding_requests", "avg_latency",
                    "max_latency", "min_latency", "packets_received", "num_alive_connections", "ephemerals_count",
                    "approximate_data_size", "global_sessions", "uptime", "fsynctime", "fsynctime_count",
                    "fsynctime_sum", "snapshottime_count", "readlatency_count", "updatelatency_sum", "snap_count",
                    "connection_request_count", "sync_processor_batch_size_count");
            assertThat(names).contains("warden_commit_latency_ms_count", "warden_batch_size_sum",
                    "warden_fsync_time_ms_count", "warden_snapshot_time_ms_count", "warden_request_failures");
            assertThat(names).doesNotContain("avg_fsynctime", "zk_znode_count");
        }
    }

    @Test
    void otherPathsAndMethodsAreRefusedAndABadRequestClosesOnlyItsConnection() throws Exception {
        try (WardenServer server = WardenServer.start(withPrometheus())) {
            int port = server.prometheusPort();
            assertThat(get(port, "/").statusCode()).isEqualTo(404);
            assertThat(get(port, "/metrics/x").statusCode()).isEqualTo(404);
            HttpResponse<String> post = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                            .POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);

            try (Socket bad = new Socket(InetAddress.getLoopbackAddress(), port)) {
                bad.setSoTimeout((int) WAIT.toMillis());
                OutputStream out = bad.getOutputStream();
                out.write("\u0000\u0001garbage that is not HTTP\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                InputStream in = bad.getInputStream();
                byte[] buffer = new byte[4096];
                int total = 0;
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    total += n;
                    assertThat(total).as("bytes answered to garbage").isLessThan(1 << 16);
                }
                assertThat(get(port, "/metrics").statusCode()).isEqualTo(200);
            }
        }
    }

    /**
     * A client that sends part of a request and stops holds one answering thread, not the
     * endpoint: scrapes are still answered, and the server closes the slow connection once the
     * request has taken longer than {@link PrometheusEndpoint#EXCHANGE_SECONDS_MAX}.
     */
    @Test
    void aClientThatStopsHalfWayThroughItsRequestIsCutOffAndOthersAreServed() throws Exception {
        try (WardenServer server = WardenServer.start(withPrometheus());
                Socket slow = new Socket(InetAddress.getLoopbackAddress(), server.prometheusPort())) {
            int port = server.prometheusPort();
            slow.getOutputStream().write("GET /metr".getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            assertThat(get(port, "/metrics").statusCode()).as("served beside the slow client").isEqualTo(200);
            slow.setSoTimeout((int) Duration.ofSeconds(PrometheusEndpoint.EXCHANGE_SECONDS_MAX * 4).toMillis());
            assertThat(slow.getInputStream().read()).as("the slow connection is closed").isEqualTo(-1);
            assertThat(get(port, "/metrics").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void thePortIsOffUnlessConfigured() throws Exception {
        try (WardenServer server = WardenServer.start(config())) {
            assertThat(server.prometheusPort()).isEqualTo(-1);
        }
        try (WardenServer server = WardenServer.start(config(
                "metricsProvider.className=org.apache.zookeeper.metrics.impl.DefaultMetricsProvider",
                "metricsProvider.httpPort=0"))) {
            assertThat(server.prometheusPort()).isEqualTo(-1);
        }
    }

    @Test
    void aBadPortIsAClearError() throws Exception {
        ServerConfig config = config("metricsProvider.className=" + PrometheusSettings.PROVIDER,
                "metricsProvider.httpPort=seventy");
        assertThatThrownBy(() -> WardenServer.start(config)).isInstanceOf(IOException.class)
                .hasMessageContaining("metricsProvider.httpPort").hasMessageContaining("'seventy'");
    }
}
