package io.warden.it.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.warden.client.BlockingClient;
import io.warden.client.CreateMode;
import io.warden.client.WardenClient;
import io.warden.it.TestClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import org.apache.zookeeper.server.NettyServerCnxnFactory;
import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client over TLS. Warden's server has no TLS port yet, so this runs against Apache
 * ZooKeeper's secure client port (its Netty connection factory with a key store made for the test
 * by {@code keytool}, naming {@code localhost} only): the client connects and works, and refuses
 * the same server reached by an address its certificate does not name.
 */
class WardenClientTlsTest {
    private static final String PASSWORD = "warden-it-tls";
    private static final Duration KEYTOOL_WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static final Map<String, String> savedProperties = new LinkedHashMap<>();
    private static ZooKeeperServer server;
    private static ServerCnxnFactory factory;
    private static TrustManagerFactory trust;

    @BeforeAll
    static void startSecureServer() throws Exception {
        Path keyStore = dir.resolve("server.p12");
        Path certificate = dir.resolve("server.crt");
        Path trustStore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost",
                "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
        keytool("-exportcert", "-alias", "server", "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", certificate.toString(),
                "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);

        setProperty("zookeeper.ssl.keyStore.location", keyStore.toString());
        setProperty("zookeeper.ssl.keyStore.password", PASSWORD);
        setProperty("zookeeper.ssl.keyStore.type", "PKCS12");
        setProperty("zookeeper.ssl.clientAuth", "none");
        setProperty("zookeeper.admin.enableServer", "false");
        Files.createDirectories(dir.resolve("data"));
        server = new ZooKeeperServer(dir.resolve("data").toFile(), dir.resolve("data").toFile(), 2000);
        setProperty("zookeeper.serverCnxnFactory", NettyServerCnxnFactory.class.getName());
        factory = ServerCnxnFactory.createFactory();
        factory.configure(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 60, -1, true);
        factory.startup(server);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStore)) {
            trusted.load(in, PASSWORD.toCharArray());
        }
        trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
    }

    @AfterAll
    static void stopSecureServer() {
        if (factory != null) {
            factory.shutdown();
        }
        if (server != null && server.isRunning()) {
            server.shutdown();
        }
        savedProperties.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    @Test
    void theClientWorksOverTls() throws Exception {
        try (WardenClient client = ClientServers.Session.builder("localhost:" + factory.getLocalPort())
                .tls(trust, null).build()) {
            BlockingClient blocking = client.blocking();
            assertThat(blocking.awaitConnected(TestClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

            blocking.create("/secure", "over tls".getBytes(UTF_8), CreateMode.EPHEMERAL);

            assertThat(blocking.getData("/secure").data()).isEqualTo("over tls".getBytes(UTF_8));
        }
    }

    @Test
    void aCertificateThatDoesNotNameTheHostIsRefused() throws Exception {
        // The same server, reached by an address its certificate (dns:localhost only) does not name.
        try (WardenClient client = ClientServers.Session.builder("127.0.0.1:" + factory.getLocalPort())
                .tls(trust, null).build()) {
            assertThat(client.blocking().awaitConnected(3, TimeUnit.SECONDS)).isFalse();
            assertThat(client.state()).isNull();
        }
    }

    private static void setProperty(String key, String value) {
        savedProperties.putIfAbsent(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("keytool.log").toFile()).start();
        if (!process.waitFor(KEYTOOL_WAIT.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", arguments) + " failed: "
                    + Files.readString(dir.resolve("keytool.log")));
        }
    }
}
