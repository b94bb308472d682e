package io.warden.daemon.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The AdminServer's HTTP edge with a driver that never answers: bad input closes only its own
 * connection, and every bound holds.
 */
class AdminServerTest {
    private final List<Object> handedToDriver = new java.util.concurrent.CopyOnWriteArrayList<>();
    private AdminServer server;

    private AdminServer start(AdminLimits limits) throws IOException {
        server = AdminServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), limits,
                handedToDriver::add);
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(20_000);
        return socket;
    }

    /** Sends the request and reads until the server closes the connection. */
    private static String exchangeUntilClosed(Socket socket, String request) throws IOException {
        socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private String get(String path) throws IOException {
        try (Socket socket = connect()) {
            return exchangeUntilClosed(socket, "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        }
    }

    @Test
    void listsTheCommandsWithoutAskingTheDriver() throws IOException {
        start(AdminLimits.DEFAULTS);
        String response = get("/commands");
        assertThat(response).startsWith("HTTP/1.1 200").contains("<a href=\"/commands/ruok\">ruok</a>")
                .contains("<a href=\"/commands/monitor\">monitor</a>");
        assertThat(handedToDriver).isEmpty();
    }

    @Test
    void unknownCommandsPathsAndMethodsAreAnsweredAsZooKeeperDoes() throws IOException {
        start(AdminLimits.DEFAULTS);
        assertThat(get("/commands/nope")).startsWith("HTTP/1.1 200")
                .contains("\"command\" : \"nope\"").contains("\"error\" : \"Unknown command: nope\"");
        assertThat(get("/elsewhere")).startsWith("HTTP/1.1 404");
        try (Socket socket = connect()) {
            assertThat(exchangeUntilClosed(socket, "DELETE /commands/ruok HTTP/1.1\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 405");
        }
        try (Socket socket = connect()) {
            assertThat(exchangeUntilClosed(socket,
                    "POST /commands/ruok HTTP/1.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 405").contains("\"error\" : \"Command does not accept POST: ruok\"");
        }
        assertThat(handedToDriver).isEmpty();
    }

    @Test
    void stateChangingCommandsNeedAuthenticationAndForwardedForChangesNothing() throws IOException {
        start(AdminLimits.DEFAULTS);
        assertThat(get("/commands/snapshot")).startsWith("HTTP/1.1 401")
                .contains("\"error\" : \"Auth info is missing for the command\"");
        try (Socket socket = connect()) {
            assertThat(exchangeUntilClosed(socket, "POST /commands/rest HTTP/1.1\r\nX-Forwarded-For: 127.0.0.1\r\n"
                    + "Authorization: trusted-proxy yes\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc"))
                    .startsWith("HTTP/1.1 401").contains("\"command\" : \"rest\"")
                    .contains("\"error\" : \"Not authenticated\"");
        }
        try (Socket socket = connect()) {
            assertThat(exchangeUntilClosed(socket, "GET /commands/restore HTTP/1.1\r\n"
                    + "Authorization: digest super:guess\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 405").contains("\"command\" : \"restore\"");
        }
        assertThat(handedToDriver).isEmpty();
    }

    @Test
    void aHugeHeaderClosesOnlyItsOwnConnection() throws IOException {
        start(AdminLimits.DEFAULTS);
        try (Socket bystander = connect(); Socket attacker = connect()) {
            String response = exchangeUntilClosed(attacker, "GET /commands HTTP/1.1\r\nX-Big: "
                    + "a".repeat(AdminLimits.HEADER_BYTES_MAX_DEFAULT * 4) + "\r\n\r\n");
            assertThat(response).startsWith("HTTP/1.1 431");
            OutputStream out = bystander.getOutputStream();
            out.write("GET /commands HTTP/1.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(new String(bystander.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1))
                    .startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aHugeBodyIsRefused() throws IOException {
        start(AdminLimits.DEFAULTS);
        try (Socket socket = connect()) {
            String response = exchangeUntilClosed(socket, "POST /commands/snapshot HTTP/1.1\r\nContent-Length: "
                    + (AdminLimits.BODY_BYTES_MAX_DEFAULT * 16) + "\r\nConnection: close\r\n\r\n" + "x".repeat(1000));
            assertThat(response).startsWith("HTTP/1.1 413");
        }
        assertThat(get("/commands")).startsWith("HTTP/1.1 200");
    }

    @Test
    void aClientTricklingARequestIsClosedAndOthersAreServed() throws IOException {
        start(AdminLimits.DEFAULTS.withTimeouts(60_000, 300));
        try (Socket slow = connect()) {
            slow.getOutputStream().write("GET /commands HTTP/1.1\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1));
            slow.getOutputStream().flush();
            InputStream in = slow.getInputStream();
            assertThat(in.read()).as("closed without an answer").isEqualTo(-1);
            assertThat(get("/commands")).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void anIdleConnectionIsClosed() throws IOException {
        start(AdminLimits.DEFAULTS.withTimeouts(300, 60_000));
        try (Socket idle = connect()) {
            assertThat(idle.getInputStream().read()).isEqualTo(-1);
        }
    }

    @Test
    void connectionsBeyondTheBoundAreClosed() throws IOException {
        start(AdminLimits.DEFAULTS);
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < AdminLimits.CONNECTIONS_MAX_DEFAULT; i++) {
                held.add(connect());
            }
            // The server counts a connection when it accepts it; wait until all held ones count.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                try (Socket extra = connect()) {
                    assertThat(extra.getInputStream().read()).isEqualTo(-1);
                }
            });
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(get("/commands")).startsWith("HTTP/1.1 200"));
    }

    @Test
    void aCommandTheDriverDoesNotAnswerGetsA503AfterTheBoundedWait() throws IOException {
        start(new AdminLimits(4, 4096, 8192, 65536, 60_000, 60_000, 1, 200));
        assertThat(get("/commands/ruok")).startsWith("HTTP/1.1 503")
                .contains("\"error\" : \"the server did not answer in time\"");
        assertThat(handedToDriver).hasSize(1);
        // The unanswered call still holds the only slot: the next command is refused at once.
        assertThat(get("/commands/stat")).startsWith("HTTP/1.1 503")
                .contains("too many commands are waiting for the server");
        assertThat(handedToDriver).hasSize(1);
    }

    /**
     * Requests pipelined on one connection are taken one at a time, in order: the second waits for
     * the first's answer (it neither overtakes it nor takes a second driver slot).
     */
    @Test
    void pipelinedRequestsAreAnsweredOneAtATimeInOrder() throws IOException {
        // two driver slots: an unanswered call keeps its slot (see the test above)
        start(new AdminLimits(4, 4096, 8192, 65536, 60_000, 60_000, 2, 200));
        try (Socket socket = connect()) {
            String answers = exchangeUntilClosed(socket, "GET /commands/ruok HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /commands/stat HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            int first = answers.indexOf("HTTP/1.1 503");
            int second = answers.indexOf("HTTP/1.1 503", first + 1);
            int third = answers.indexOf("HTTP/1.1 404");
            assertThat(first).as("ruok answered first").isGreaterThanOrEqualTo(0);
            assertThat(second).as("stat after it").isGreaterThan(first);
            assertThat(third).as("the 404 last, though it needed no driver").isGreaterThan(second);
            assertThat(answers).doesNotContain("too many commands are waiting");
        }
        assertThat(handedToDriver).as("both commands reached the driver, one after the other").hasSize(2);
    }
}
