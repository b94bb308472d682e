package io.warden.daemon.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The console's pages, styles and scripts: a fixed list of classpath resources, read once at start
 * and served with their content types. A name not on the list is a 404, so no path from a request
 * ever reaches the class loader.
 */
final class StaticAssets {
    /** Where the resources live on the classpath. */
    static final String RESOURCE_DIRECTORY = "/io/warden/daemon/console/static/";
    /** The page served for the console's own path. */
    static final String INDEX = "index.html";
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html;charset=utf-8",
            "console.css", "text/css;charset=utf-8",
            "console.js", "text/javascript;charset=utf-8",
            "charts.js", "text/javascript;charset=utf-8",
            "favicon.svg", "image/svg+xml");

    private final Map<String, ConsoleResponse> assets;

    private StaticAssets(Map<String, ConsoleResponse> assets) {
        this.assets = assets;
    }

    /** Reads every asset; a missing one is a broken build, so it throws. */
    static StaticAssets load() {
        Map<String, ConsoleResponse> assets = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : TYPES.entrySet()) {
            String resource = RESOURCE_DIRECTORY + entry.getKey();
            try (InputStream in = StaticAssets.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the console's resource " + resource + " is missing");
                }
                assets.put(entry.getKey(), ConsoleResponse.of(200, entry.getValue(), in.readAllBytes()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the console's resource " + resource, e);
            }
        }
        return new StaticAssets(Map.copyOf(assets));
    }

    /** The asset of this name, or null. */
    ConsoleResponse get(String name) {
        return assets.get(name);
    }
}
