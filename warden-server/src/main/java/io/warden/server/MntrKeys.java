package io.warden.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keys ZooKeeper 3.9's {@code mntr} prints for each role, with the value a ZooKeeper whose
 * feature behind the key is idle prints, read from the resource {@value #RESOURCE}. {@code mntr}
 * prints Warden's own value for each key it measures and this idle value for the others.
 */
final class MntrKeys {
    static final String RESOURCE = "zookeeper-mntr-keys.txt";
    /** The idle value of a text key ({@code zk_peer_state}); every role fills it itself. */
    private static final String TEXT = "text";

    private final Map<String, String> all;
    private final Map<String, String> ensemble;
    private final Map<String, String> leader;
    private final Map<String, String> observer;

    private MntrKeys(Map<String, String> all, Map<String, String> ensemble, Map<String, String> leader,
            Map<String, String> observer) {
        this.all = all;
        this.ensemble = ensemble;
        this.leader = leader;
        this.observer = observer;
    }

    private static final MntrKeys INSTANCE = load();

    static MntrKeys instance() {
        return INSTANCE;
    }

    private static MntrKeys load() {
        Map<String, String> all = new LinkedHashMap<>();
        Map<String, String> ensemble = new LinkedHashMap<>();
        Map<String, String> leader = new LinkedHashMap<>();
        Map<String, String> observer = new LinkedHashMap<>();
        try (InputStream in = MntrKeys.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + RESOURCE + " is missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] fields = line.split(" ");
                if (fields.length != 3) {
                    throw new IllegalStateException(RESOURCE + ": malformed line '" + line + "'");
                }
                Map<String, String> target = switch (fields[0]) {
                    case "all" -> all;
                    case "ensemble" -> ensemble;
                    case "leader" -> leader;
                    case "observer" -> observer;
                    default -> throw new IllegalStateException(RESOURCE + ": unknown role in '" + line + "'");
                };
                target.put(fields[1], fields[2]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCE, e);
        }
        return new MntrKeys(Collections.unmodifiableMap(all), Collections.unmodifiableMap(ensemble),
                Collections.unmodifiableMap(leader), Collections.unmodifiableMap(observer));
    }

    /**
     * The keys ZooKeeper prints in {@code mode} (as srvr's Mode line names it), each with its idle
     * value; text keys are left out (the caller prints them).
     */
    Map<String, String> idleValues(String mode) {
        Map<String, String> keys = new LinkedHashMap<>(all);
        switch (mode) {
            case ServerEnvironment.STANDALONE, FourLetterWords.READ_ONLY_MODE -> { }
            case "follower" -> keys.putAll(ensemble);
            case "observer" -> {
                keys.putAll(ensemble);
                keys.putAll(observer);
            }
            case "leader" -> {
                keys.putAll(ensemble);
                keys.putAll(leader);
            }
            default -> throw new IllegalArgumentException("unknown server mode '" + mode + "'");
        }
        keys.values().removeIf(TEXT::equals);
        return keys;
    }
}
