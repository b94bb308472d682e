package io.warden.it.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.warden.daemon.WardenServer;
import io.warden.daemon.config.ZooCfgParser;

/**
 * The web console end to end in headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver} packages), against a Warden server in this JVM with its AdminServer on an
 * ephemeral port: browsing the tree, search, an operator's edit (checked with the official
 * ZooKeeper client), an edit refused without authentication, the sessions, watches and ensemble
 * views, the live charts, and znode data and names shown as text, never as HTML. Screenshots go
 * to {@code target/console-screenshots/}.
 *
 * <p>Without chromium the tests are skipped, unless {@code WARDEN_BROWSER_TESTS=required} (system
 * property or environment variable), as in CI, where a missing browser fails them.
 */
class ConsoleBrowserTest {
    static final String REQUIRED_SETTING = "WARDEN_BROWSER_TESTS";
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT_MAX = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    private static WardenServer server;
    private static ZooKeeper zk;
    private static WebDriver browser;
    private static String consoleUrl;

    @BeforeAll
    static void start() throws Exception {
        boolean required = "required".equals(System.getProperty(REQUIRED_SETTING, System.getenv(REQUIRED_SETTING)));
        if (!WebDriver.installed()) {
            String message = "headless Chromium is not installed: apt-get install -y chromium chromium-driver "
                    + "(" + WebDriver.CHROMIUM + " and " + WebDriver.CHROMEDRIVER + ")";
            if (required) {
                throw new IllegalStateException(REQUIRED_SETTING + "=required but " + message);
            }
            Assumptions.assumeTrue(false, message + "; set " + REQUIRED_SETTING + "=required to fail instead");
        }
        server = WardenServer.start(ZooCfgParser.parse(List.of("tickTime=2000", "dataDir=" + dir.resolve("data"),
                "clientPort=0", "clientPortAddress=127.0.0.1", "forceSync=no", "admin.enableServer=true",
                "admin.serverAddress=127.0.0.1", "admin.serverPort=0"), "zoo.cfg (console test)", Map.of()).config()
                .withClientPort(0), null);
        consoleUrl = "http://127.0.0.1:" + server.adminPort() + "/console/";
        CountDownLatch connected = new CountDownLatch(1);
        zk = new ZooKeeper("127.0.0.1:" + server.clientPort(), 30_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        assertThat(connected.await(30, TimeUnit.SECONDS)).as("the ZooKeeper client connected").isTrue();
        zk.create("/shop", "the shop".getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                CreateMode.PERSISTENT);
        zk.create("/shop/config", "color=blue".getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                CreateMode.PERSISTENT);
        zk.create("/shop/inventory", new byte[] {0, 1, 2, (byte) 0xff}, ZooDefs.Ids.OPEN_ACL_UNSAFE,
                CreateMode.PERSISTENT);
        Files.createDirectories(SCREENSHOTS);
        browser = WebDriver.start(Files.createDirectories(dir.resolve("chromium-profile")));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (browser != null) {
            browser.close();
        }
        if (zk != null) {
            zk.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static void waitFor(String what, Supplier<Boolean> condition) {
        await(what).atMost(WAIT_MAX).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(condition::get);
    }

    private static String text(String css) {
        return browser.text(browser.find(css));
    }

    private static void click(String css) {
        waitFor("an element " + css, () -> !browser.findAll(css).isEmpty());
        browser.click(browser.find(css));
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.screenshot());
    }

    /** Opens the console afresh: nothing signed in (credentials live only in the page's memory). */
    private static void openConsole() {
        browser.open(consoleUrl);
        waitFor("the tree's root with its children", () -> !browser.findAll(".tree-node[data-path='/shop']").isEmpty());
    }

    private static String treeRow(String path) {
        return ".tree-node[data-path='" + path + "'] > .tree-row";
    }

    private static void selectThroughTheTree(String path) {
        String[] parts = path.substring(1).split("/");
        String current = "";
        for (String part : parts) {
            current = current + "/" + part;
            click(treeRow(current));
        }
        String selected = path;
        waitFor("the detail of " + path, () -> text("#node-path").equals(selected)
                && !browser.findAll("#node-stat tr").isEmpty());
    }

    private static String zkData(String path) throws Exception {
        return new String(zk.getData(path, false, null), StandardCharsets.UTF_8);
    }

    @Test
    void navigatesTheTreeAndShowsDataAndStat() throws Exception {
        openConsole();
        selectThroughTheTree("/shop/config");
        assertThat(text("#node-data")).isEqualTo("color=blue");
        assertThat(text("#node-stat")).contains("version").contains("dataLength 10").contains("numChildren 0");
        assertThat(text("#node-acl")).contains("world").contains("anyone").contains("cdrwa");
        screenshot("tree-node-detail");

        click(treeRow("/shop/inventory"));
        waitFor("the binary node's data as hex", () -> text("#node-data").equals("000102ff"));
        assertThat(text("#data-meta")).contains("hex");
    }

    @Test
    void searchFindsAPathAndOpensIt() throws IOException {
        openConsole();
        WebDriver.Element input = browser.find("#search-input");
        browser.type(input, "invent\uE007"); // Enter submits the search
        waitFor("the search result", () -> !browser.findAll("#search-list li[data-path='/shop/inventory']").isEmpty());
        assertThat(text("#search-summary")).startsWith("1 match");
        click("#search-list li[data-path='/shop/inventory']");
        waitFor("the found node's detail", () -> text("#node-path").equals("/shop/inventory")
                && text("#node-data").equals("000102ff"));
        screenshot("search");
    }

    @Test
    void anAuthenticatedOperatorEditsANode() throws Exception {
        zk.create("/shop/price", "10".getBytes(StandardCharsets.UTF_8), ZooDefs.Ids.OPEN_ACL_UNSAFE,
                CreateMode.PERSISTENT);
        openConsole();
        browser.type(browser.find("#login-user"), "operator");
        browser.type(browser.find("#login-password"), "s3cret");
        click("#login-button");
        waitFor("the signed-in operator", () -> text("#operator-name").equals("operator"));
        selectThroughTheTree("/shop/price");
        WebDriver.Element data = browser.find("#edit-data");
        browser.clear(data);
        browser.type(data, "12");
        click("#save-data");
        waitFor("the edit's outcome", () -> text("#edit-status").startsWith("ok: set /shop/price"));
        assertThat(zkData("/shop/price")).isEqualTo("12");
        waitFor("the new value on the page", () -> text("#node-data").equals("12"));
        assertThat(text("#node-stat")).contains("version 1");
        screenshot("operator-edit");

        // a stale expected version is refused with ZooKeeper's BadVersion, and changes nothing
        browser.clear(browser.find("#edit-version"));
        browser.type(browser.find("#edit-version"), "0");
        browser.clear(data);
        browser.type(data, "99");
        click("#save-data");
        waitFor("the refusal", () -> text("#edit-status").contains("BadVersion"));
        assertThat(zkData("/shop/price")).isEqualTo("12");
    }

    @Test
    void anEditWithoutAuthenticationIsRefusedAndChangesNothing() throws Exception {
        openConsole();
        assertThat(browser.findAll("#operator:not([hidden])")).isEmpty();
        selectThroughTheTree("/shop/config");
        String before = zkData("/shop/config");
        WebDriver.Element data = browser.find("#edit-data");
        browser.clear(data);
        browser.type(data, "color=stolen");
        click("#save-data");
        waitFor("the refusal", () -> text("#edit-status").startsWith("401 AUTHFAILED"));
        assertThat(zkData("/shop/config")).isEqualTo(before);
        assertThat(text("#node-data")).isEqualTo(before);
        screenshot("edit-refused");
    }

    @Test
    void sessionsWatchesAndEnsembleShowWhatTheServerHolds() throws Exception {
        String ephemeral = zk.create("/shop/worker-", new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE,
                CreateMode.EPHEMERAL_SEQUENTIAL);
        zk.getData("/shop/config", event -> { }, null);
        String session = "0x" + Long.toHexString(zk.getSessionId());
        openConsole();

        click(".tab[data-tab='sessions']");
        String sessionRow = "#sessions-table tr[data-session='" + session + "']";
        waitFor("the client's session", () -> !browser.findAll(sessionRow).isEmpty());
        assertThat(text(sessionRow)).contains(ephemeral).contains("30000 ms");
        screenshot("sessions");

        click(".tab[data-tab='watches']");
        waitFor("the client's watch", () -> text("#watches-by-path").contains("/shop/config")
                && text("#watches-by-session").contains(session));

        click(".tab[data-tab='ensemble']");
        waitFor("the ensemble view", () -> text("#ensemble-members").contains("standalone"));
        assertThat(text("#ensemble-facts")).contains("answeredBy standalone");
        assertThat(text("#server-badge")).isEqualTo("standalone");
    }

    @Test
    void theChartsReceiveDataPoints() throws Exception {
        openConsole();
        click(".tab[data-tab='charts']");
        int before = Integer.parseInt(text("#chart-points"));
        for (int i = 0; i < 20; i++) {
            zk.getData("/shop/config", false, null);
        }
        waitFor("three more points", () -> Integer.parseInt(text("#chart-points")) >= before + 3);
        assertThat(text("#counters")).contains("ZNODES").contains("SESSIONS");
        Number painted = browser.script("var c = document.getElementById('chart-throughput');"
                + "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "var n = 0; for (var i = 3; i < d.length; i += 4) { if (d[i] !== 0) { n++; } } return n;")
                .numberValue();
        assertThat(painted.intValue()).as("pixels painted on the throughput chart").isPositive();
        screenshot("charts");
    }

    @Test
    void znodeNamesAndDataAreShownAsTextNeverAsHtml() throws Exception {
        String hostile = "<img src=x onerror=window.pwned=1>";
        zk.create("/shop/" + hostile, "<script>window.pwned=2</script><b>bold</b>".getBytes(StandardCharsets.UTF_8),
                ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        openConsole();
        click(treeRow("/shop"));
        waitFor("the hostile child in the tree", () -> text(".tree-node[data-path='/shop'] .tree-children")
                .contains(hostile));
        browser.type(browser.find("#search-input"), "onerror\uE007");
        waitFor("the search result", () -> text("#search-list").contains(hostile));
        click("#search-list li");
        waitFor("the hostile node's data", () -> text("#node-data").equals("<script>window.pwned=2</script><b>bold</b>"));
        assertThat(browser.script("return document.querySelectorAll('#tree img, #search-list img, #node-data b,"
                + " #node-data script').length").asInt()).isZero();
        assertThat(browser.script("return typeof window.pwned").asText()).isEqualTo("undefined");
    }
}
