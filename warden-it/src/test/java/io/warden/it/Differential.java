package io.warden.it;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a scenario against every selected server kind (the reference first) and compares the
 * transcripts: the reference's with the golden file checked in under
 * {@code src/test/resources/golden/<group>/<scenario>.txt}, every other server's with the
 * reference's. All mismatches of a scenario are reported together, as line diffs.
 *
 * <p>A test class registers it as an extension, {@code @RegisterExtension static final
 * Differential servers = Differential.with(options);}: one shared server of each selected kind
 * starts in a temporary directory before the class's tests (the class's simple name is the golden
 * files' group), and the servers are stopped and the directory deleted after them.
 *
 * <p>Run with {@code -Dwarden.it.updateGolden=true} to (re)write the golden files from the
 * reference.
 */
public final class Differential implements BeforeAllCallback, AfterAllCallback {

    private static final boolean UPDATE_GOLDEN = Boolean.getBoolean("warden.it.updateGolden");

    private final ServerOptions options;
    private final List<ServerKind> kinds;
    private final List<TestServer> shared = new ArrayList<>();
    private String group;
    private Path dir;
    private int freshCount;

    private Differential(ServerOptions options) {
        this.options = options;
        this.kinds = ServerKind.selected();
    }

    /** Servers with {@code options}, to register as a test class's extension. */
    public static Differential with(ServerOptions options) {
        return new Differential(options);
    }

    /** Starts one shared server of each selected kind, with data in a new temporary directory. */
    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        group = context.getRequiredTestClass().getSimpleName();
        dir = Files.createTempDirectory("warden-differential-");
        try {
            for (ServerKind kind : kinds) {
                shared.add(kind.start(dir.resolve("shared-" + kind.name().toLowerCase()), options));
            }
        } catch (RuntimeException | Error e) {
            try {
                afterAll(context);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** The shared servers, the reference first. */
    public List<TestServer> servers() {
        return List.copyOf(shared);
    }

    /**
     * Runs {@code scenario} on the shared servers. Its root node {@code /<name>} is created first and
     * zxids are printed relative to it.
     */
    public void run(String name, Scenario scenario) {
        Map<String, Transcript> transcripts = new LinkedHashMap<>();
        for (TestServer server : shared) {
            transcripts.put(server.name(), execute(server, name, scenario, true));
        }
        compare(name, transcripts);
    }

    /**
     * Runs {@code scenario} on a fresh server of each kind, for scenarios that look at the whole tree
     * or at absolute zxids. The root path is not created and zxids are printed as they are.
     */
    public void runOnFreshServers(String name, Scenario scenario) {
        Map<String, Transcript> transcripts = new LinkedHashMap<>();
        int n = ++freshCount;
        for (ServerKind kind : kinds) {
            Path data = dir.resolve("fresh-" + n + "-" + kind.name().toLowerCase());
            try (TestServer server = kind.start(data, options)) {
                transcripts.put(server.name(), execute(server, name, scenario, false));
            }
        }
        compare(name, transcripts);
    }

    private static Transcript execute(TestServer server, String name, Scenario scenario, boolean createRoot) {
        Transcript t = new Transcript();
        try (ScenarioContext ctx = new ScenarioContext(server, t, "/" + name)) {
            ctx.start(createRoot);
            scenario.run(ctx);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            t.line("!! scenario interrupted");
        } catch (Exception | AssertionError e) {
            StackTraceElement[] trace = e.getStackTrace();
            t.line("!! scenario aborted: " + e.getClass().getName() + ": " + e.getMessage()
                    + (trace.length > 0 ? " at " + trace[0] : ""));
        }
        return t;
    }

    private void compare(String name, Map<String, Transcript> transcripts) {
        List<String> problems = new ArrayList<>();
        List<Map.Entry<String, Transcript>> entries = new ArrayList<>(transcripts.entrySet());
        Map.Entry<String, Transcript> reference = entries.get(0);
        String goldenProblem = checkGolden(name, reference.getValue());
        if (goldenProblem != null) {
            problems.add(goldenProblem);
        }
        for (Map.Entry<String, Transcript> other : entries.subList(1, entries.size())) {
            String diff = LineDiff.render(reference.getKey() + " (expected)", reference.getValue().lines(),
                    other.getKey() + " (actual)", other.getValue().lines());
            if (!diff.isEmpty()) {
                problems.add("scenario " + group + "." + name + ": " + other.getKey()
                        + " differs from the reference:\n" + diff);
            }
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems));
        }
    }

    private String checkGolden(String name, Transcript reference) {
        String resource = "/golden/" + group + "/" + name + ".txt";
        if (UPDATE_GOLDEN) {
            Path file = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
                    .resolve("src/test/resources" + resource);
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, reference.text(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        }
        String golden;
        try (InputStream in = Differential.class.getResourceAsStream(resource)) {
            if (in == null) {
                return "scenario " + group + "." + name + ": no golden file " + resource
                        + " (run once with -Dwarden.it.updateGolden=true); the reference produced:\n" + reference.text();
            }
            golden = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> expected = golden.lines().toList();
        String diff = LineDiff.render("golden " + resource, expected, "reference now", reference.lines());
        return diff.isEmpty() ? null
                : "scenario " + group + "." + name + ": the reference no longer matches its golden transcript:\n" + diff;
    }

    /** Stops the shared servers and deletes the directory. */
    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        for (TestServer server : shared) {
            try {
                server.close();
            } catch (RuntimeException ignored) {
                // close the others anyway
            }
        }
        shared.clear();
        TempDirs.delete(dir);
        dir = null;
    }
}
