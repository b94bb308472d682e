package io.warden.daemon.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.warden.daemon.WardenServer;
import io.warden.daemon.config.ZooCfgParser;
import io.warden.tree.acl.Digests;

/**
 * The console's HTTP API on a real standalone server, without a browser: content types and
 * security headers, authentication (401 without it, ZooKeeper's NoAuth as 403 when ACLs refuse),
 * the cross-site checks on edits, edits through the normal request path, ACL-respecting reads and
 * escaping left to the page (data comes back as JSON strings, never as HTML).
 */
class WebConsoleHttpTest {
    @TempDir
    static Path data;
    private static WardenServer server;
    private static HttpClient http;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws Exception {
        server = WardenServer.start(ZooCfgParser.parse(List.of("tickTime=2000", "dataDir=" + data,
                "clientPort=0", "clientPortAddress=127.0.0.1", "forceSync=no", "admin.enableServer=true",
                "admin.serverAddress=127.0.0.1", "admin.serverPort=0"), "zoo.cfg (test)", Map.of()).config()
                .withClientPort(0), null);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.adminPort() + path);
    }

    private static HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, null);
    }

    /** An edit as the console's page sends it; {@code authorization} null for none. */
    private static HttpResponse<String> edit(String kind, String body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/console/api/edit/" + kind))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .header(WebConsole.CSRF_HEADER, "1").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json;charset=utf-8");
        return JSON.readTree(response.body());
    }

    private static JsonNode node(String path, String authorization) throws Exception {
        return json(get("/console/api/node?path=" + path, authorization));
    }

    @Test
    void pagesAreServedWithTheirTypesAndSecurityHeaders() throws Exception {
        HttpResponse<String> bare = get("/console");
        assertThat(bare.statusCode()).isEqualTo(302);
        assertThat(bare.headers().firstValue("Location")).hasValue("/console/");
        HttpResponse<String> page = get("/console/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("script-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(page.body()).contains("<script src=\"console.js\" defer></script>").doesNotContain("<script>");
        assertThat(get("/console/console.js").headers().firstValue("Content-Type"))
                .hasValue("text/javascript;charset=utf-8");
        assertThat(get("/console/console.css").headers().firstValue("Content-Type")).hasValue("text/css;charset=utf-8");
        assertThat(get("/console/favicon.svg").headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        assertThat(get("/console/nothing.html").statusCode()).isEqualTo(404);
        assertThat(get("/console/%2e%2e/commands").statusCode()).isEqualTo(404);
        HttpResponse<String> api = get("/console/api/stats");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(json(api).get("znodes").asInt()).isGreaterThanOrEqualTo(2);
        // the AdminServer's own commands are still there
        assertThat(get("/commands/ruok").statusCode()).isEqualTo(200);
    }

    @Test
    void editsWithoutAuthenticationAreRefusedAndChangeNothing() throws Exception {
        String operator = "digest alice:secret";
        assertThat(edit("create", "{\"path\":\"/unauth\",\"data\":\"before\"}", operator).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = edit("set", "{\"path\":\"/unauth\",\"data\":\"after\"}", null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(json(refused).get("error").asText()).isEqualTo("AUTHFAILED");
        assertThat(edit("set", "{\"path\":\"/unauth\",\"data\":\"after\"}", "Basic YWxpY2U6c2VjcmV0").statusCode())
                .isEqualTo(401);
        assertThat(edit("delete", "{\"path\":\"/unauth\"}", "digest nocolon").statusCode()).isEqualTo(401);
        assertThat(node("/unauth", null).get("data").get("value").asText()).isEqualTo("before");
    }

    @Test
    void editsNeedTheMarksOfTheConsolesOwnPage() throws Exception {
        String operator = "digest alice:secret";
        HttpRequest.Builder base = HttpRequest.newBuilder(uri("/console/api/edit/create")).timeout(Duration.ofSeconds(20))
                .header("Authorization", operator);
        String body = "{\"path\":\"/csrf\"}";
        // no custom header: what a cross-site form or a simple fetch sends
        assertThat(http.send(base.copy().header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(403);
        // a form's content type
        assertThat(http.send(base.copy().header("Content-Type", "text/plain").header(WebConsole.CSRF_HEADER, "1")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(403);
        // another origin
        assertThat(http.send(base.copy().header("Content-Type", "application/json").header(WebConsole.CSRF_HEADER, "1")
                .header("Origin", "http://evil.example").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        // GET never edits
        assertThat(get("/console/api/edit/create?path=/csrf", operator).statusCode()).isEqualTo(405);
        assertThat(node("/csrf", null).get("error").asText()).isEqualTo("NONODE");
        assertThat(get("/console/api/node?path=/csrf").statusCode()).isEqualTo(404);
    }

    @Test
    void operatorEditsTakeTheRequestPathWithVersionChecks() throws Exception {
        String operator = "digest alice:secret";
        HttpResponse<String> created = edit("create", "{\"path\":\"/edits\",\"data\":\"one\"}", operator);
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(json(created).get("path").asText()).isEqualTo("/edits");
        HttpResponse<String> seq = edit("create", "{\"path\":\"/edits/item-\",\"mode\":\"persistent_sequential\"}",
                operator);
        assertThat(json(seq).get("path").asText()).isEqualTo("/edits/item-0000000000");
        assertThat(edit("create", "{\"path\":\"/edits\"}", operator).statusCode()).isEqualTo(409);
        HttpResponse<String> stale = edit("set", "{\"path\":\"/edits\",\"data\":\"two\",\"version\":7}", operator);
        assertThat(stale.statusCode()).isEqualTo(409);
        assertThat(json(stale).get("keeperError").asText()).isEqualTo("BadVersion");
        HttpResponse<String> set = edit("set", "{\"path\":\"/edits\",\"data\":\"74776f\",\"encoding\":\"hex\","
                + "\"version\":0}", operator);
        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(json(set).get("stat").get("version").asInt()).isEqualTo(1);
        JsonNode shown = node("/edits", null);
        assertThat(shown.get("data").get("value").asText()).isEqualTo("two");
        assertThat(shown.get("stat").get("numChildren").asInt()).isEqualTo(1);
        assertThat(edit("delete", "{\"path\":\"/edits\"}", operator).statusCode()).isEqualTo(409); // not empty
        assertThat(edit("delete", "{\"path\":\"/edits/item-0000000000\"}", operator).statusCode()).isEqualTo(200);
        assertThat(edit("create", "{\"path\":\"/eph\",\"mode\":\"ephemeral\"}", operator).statusCode()).isEqualTo(400);
        assertThat(edit("create", "{\"path\":\"no-slash\"}", operator).statusCode()).isEqualTo(400);
        assertThat(edit("set", "not json", operator).statusCode()).isEqualTo(400);
        assertThat(edit("set", "{\"path\":\"/edits\",\"version\":\"x\"}", operator).statusCode()).isEqualTo(400);
        assertThat(edit("rename", "{\"path\":\"/edits\"}", operator).statusCode()).isEqualTo(404);
        // each edit's session was closed again
        assertThat(json(get("/console/api/sessions")).get("total").asInt()).isZero();
    }

    @Test
    void aclsDecideReadsAndEditsAsTheOperatorsDigestIdentity() throws Exception {
        String alice = "digest alice:secret";
        String aliceId = Digests.idFor("alice:secret");
        assertThat(edit("create", "{\"path\":\"/private\",\"data\":\"<b>for alice</b>\",\"acl\":[{\"scheme\":\"digest\","
                + "\"id\":\"" + aliceId + "\",\"perms\":\"cdrwa\"}]}", alice).statusCode()).isEqualTo(200);

        JsonNode anonymous = node("/private", null);
        assertThat(anonymous.has("data")).isFalse();
        assertThat(anonymous.get("dataError").asText()).isEqualTo("NOAUTH");
        assertThat(anonymous.get("aclError").asText()).isEqualTo("NOAUTH");
        assertThat(anonymous.toString()).doesNotContain("for alice");
        assertThat(get("/console/api/children?path=/private").statusCode()).isEqualTo(403);
        assertThat(json(get("/console/api/search?q=priv")).get("results").toString()).contains("/private");

        JsonNode asAlice = node("/private", alice);
        assertThat(asAlice.get("data").get("value").asText()).isEqualTo("<b>for alice</b>");
        assertThat(asAlice.get("acl").get(0).get("id").asText()).isEqualTo(aliceId);

        HttpResponse<String> asBob = edit("set", "{\"path\":\"/private\",\"data\":\"bob was here\"}", "digest bob:pw");
        assertThat(asBob.statusCode()).isEqualTo(403);
        JsonNode error = json(asBob);
        assertThat(error.get("error").asText()).isEqualTo("NOAUTH");
        assertThat(error.get("keeperError").asText()).isEqualTo("NoAuth");
        assertThat(error.get("message").asText()).isEqualTo("KeeperErrorCode = NoAuth for /private");
        assertThat(node("/private", alice).get("data").get("value").asText()).isEqualTo("<b>for alice</b>");

        assertThat(edit("acl", "{\"path\":\"/private\",\"acl\":[{\"scheme\":\"world\",\"id\":\"anyone\",\"perms\":\"r\"}]}",
                alice).statusCode()).isEqualTo(200);
        assertThat(node("/private", null).get("data").get("value").asText()).isEqualTo("<b>for alice</b>");
        assertThat(edit("acl", "{\"path\":\"/private\",\"acl\":[{\"scheme\":\"world\",\"id\":\"anyone\",\"perms\":\"rx\"}]}",
                alice).statusCode()).isEqualTo(400);
        JsonNode whoami = json(get("/console/api/whoami", alice));
        assertThat(whoami.get("identities").toString()).contains("digest:" + aliceId);
    }

    @Test
    void readsCheckTheirArgumentsAndShowBinaryDataAsHex() throws Exception {
        String operator = "digest alice:secret";
        assertThat(edit("create", "{\"path\":\"/binary\",\"data\":\"00ff10\",\"encoding\":\"hex\"}", operator)
                .statusCode()).isEqualTo(200);
        JsonNode binary = node("/binary", null).get("data");
        assertThat(binary.get("encoding").asText()).isEqualTo("hex");
        assertThat(binary.get("value").asText()).isEqualTo("00ff10");
        assertThat(get("/console/api/node?path=no-slash").statusCode()).isEqualTo(400);
        assertThat(get("/console/api/node").statusCode()).isEqualTo(400);
        assertThat(get("/console/api/search").statusCode()).isEqualTo(400);
        assertThat(get("/console/api/nothing").statusCode()).isEqualTo(404);
        assertThat(get("/console/api/stats", "digest").statusCode()).isEqualTo(401);
        JsonNode ensemble = json(get("/console/api/ensemble"));
        assertThat(ensemble.get("answeredBy").asText()).isEqualTo("standalone");
        assertThat(ensemble.get("members").get(0).get("role").asText()).isEqualTo("standalone");
    }
}
