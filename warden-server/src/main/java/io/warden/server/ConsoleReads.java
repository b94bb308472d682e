package io.warden.server;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.warden.common.SessionIds;
import io.warden.common.ZnodePaths;
import io.warden.common.Zxid;
import io.warden.tree.DataTree;
import io.warden.tree.OpResult;
import io.warden.tree.acl.AclPolicy;
import io.warden.tree.acl.Digests;
import io.warden.wire.Acl;
import io.warden.wire.ErrorCode;
import io.warden.wire.Id;
import io.warden.wire.Perms;
import io.warden.wire.Stat;

/**
 * What the web console reads from the server's state, as plain maps, lists, strings, numbers and
 * booleans (the daemon turns them into JSON). Znode reads go through the tree's own read
 * operations with the caller's identities, so ACLs decide exactly as they do for a client; no
 * read registers a watch. Every answer is bounded by the limits the caller passes. Runs on the
 * thread that owns the core, like {@link AdminReports}.
 */
public final class ConsoleReads {
    private final ServerCore core;
    private final DataTree tree;

    private ConsoleReads(ServerCore core) {
        this.core = core;
        this.tree = core.tree();
    }

    /** The console's reads of this core. */
    public static ConsoleReads of(ServerCore core) {
        return new ConsoleReads(core);
    }

    /**
     * The identities a connection holds after authenticating with these digest credentials
     * ({@code user:password}), as addAuth gives them: the digest id, and super when they match the
     * configured super digest. No credentials: no identity, an anonymous (world) reader.
     */
    public List<Id> identities(String digestCredentials) {
        if (digestCredentials == null) {
            return List.of();
        }
        String digestId = Digests.idFor(digestCredentials);
        String superDigest = core.config().superDigest();
        if (superDigest != null && superDigest.equals(digestId)) {
            return List.of(new Id("digest", digestId), new Id(AclPolicy.SUPER, ""));
        }
        return List.of(new Id("digest", digestId));
    }

    /**
     * One page of a node's children, sorted by name: at most {@code pageMax} names after {@code
     * after} (null: from the first), each with its Stat's counts when the caller may read it.
     */
    public Map<String, Object> children(String path, String after, int pageMax, List<Id> identities) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("path", path);
        OpResult result = tree.getChildren(path, identities, null);
        if (!(result instanceof OpResult.ChildrenResult children)) {
            answer.put("error", failure(result));
            return answer;
        }
        List<String> names = new ArrayList<>(children.children());
        Collections.sort(names);
        int start = after == null ? 0 : insertionPoint(names, after);
        int end = Math.min(names.size(), start + pageMax);
        List<Object> page = new ArrayList<>(end - start);
        for (String name : names.subList(start, end)) {
            Map<String, Object> child = new LinkedHashMap<>();
            child.put("name", name);
            child.put("path", ZnodePaths.child(path, name));
            OpResult stat = tree.exists(ZnodePaths.child(path, name), identities, null);
            if (stat instanceof OpResult.StatResult s) {
                child.put("numChildren", s.stat().numChildren());
                child.put("dataLength", s.stat().dataLength());
                child.put("ephemeral", s.stat().ephemeralOwner() != 0);
            } else {
                child.put("error", failure(stat));
            }
            page.add(child);
        }
        answer.put("total", names.size());
        answer.put("children", page);
        answer.put("next", end < names.size() ? names.get(end - 1) : null);
        return answer;
    }

    /** The first index whose name sorts after {@code after}. */
    private static int insertionPoint(List<String> sorted, String after) {
        int found = Collections.binarySearch(sorted, after);
        return found >= 0 ? found + 1 : -found - 1;
    }

    /**
     * A node: its Stat, its data (UTF-8 text, or hex when it is not text; at most {@code
     * dataBytesShownMax} bytes) when the caller may read it, its ACL when the caller may read it
     * or administer it (digest ids masked without ADMIN, as getACL does).
     */
    public Map<String, Object> node(String path, List<Id> identities, int dataBytesShownMax) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("path", path);
        OpResult data = tree.getData(path, identities, null);
        if (data instanceof OpResult.DataResult d) {
            answer.put("stat", stat(d.stat()));
            answer.put("data", data(d.data(), dataBytesShownMax));
        } else {
            answer.put("dataError", failure(data));
            if (failure(data).equals(ErrorCode.NONODE.name())) {
                answer.put("error", ErrorCode.NONODE.name());
                return answer;
            }
        }
        OpResult acl = tree.getAcl(path, identities);
        if (acl instanceof OpResult.AclResult a) {
            answer.putIfAbsent("stat", stat(a.stat()));
            answer.put("acl", acls(a.acl()));
        } else {
            answer.put("aclError", failure(acl));
        }
        return answer;
    }

    /**
     * Paths that contain {@code needle} (ignoring case) or, for a needle that starts with "/", that
     * start with it; walked in name order from the root, only through nodes whose children the
     * caller may list (for a prefix, only down the prefix's path). At most {@code resultsMax} results and {@code
     * visitsMax} names looked at; {@code truncated} says when either bound stopped the walk.
     */
    public Map<String, Object> search(String needle, int resultsMax, int visitsMax, List<Id> identities) {
        boolean prefix = needle.startsWith("/");
        String lowered = needle.toLowerCase(Locale.ROOT);
        List<String> results = new ArrayList<>();
        Deque<String> pending = new ArrayDeque<>();
        pending.push(DataTree.ROOT);
        int visits = 1;
        boolean truncated = false;
        while (!pending.isEmpty()) {
            String path = pending.pop();
            boolean matches = prefix ? path.startsWith(needle) : path.toLowerCase(Locale.ROOT).contains(lowered);
            if (matches) {
                if (results.size() == resultsMax) {
                    truncated = true;
                    break;
                }
                results.add(path);
            }
            if (prefix && !path.startsWith(needle) && !needle.startsWith(path)) {
                continue; // a sibling of the needle's path: nothing under it matches
            }
            OpResult stat = tree.exists(path, identities, null);
            if (!(stat instanceof OpResult.StatResult s) || s.stat().numChildren() == 0) {
                continue;
            }
            if (visits + s.stat().numChildren() > visitsMax) {
                truncated = true;
                break;
            }
            if (tree.getChildren(path, identities, null) instanceof OpResult.ChildrenResult children) {
                visits += children.children().size();
                List<String> names = new ArrayList<>(children.children());
                names.sort(Collections.reverseOrder()); // pushed last-first, so popped in name order
                for (String name : names) {
                    pending.push(ZnodePaths.child(path, name));
                }
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("query", needle);
        answer.put("results", results);
        answer.put("visited", visits);
        answer.put("truncated", truncated);
        return answer;
    }

    /**
     * The sessions the tree holds (on an ensemble member: every session of the ensemble), in id
     * order, at most {@code sessionsMax}, each with at most {@code ephemeralsMax} of its
     * ephemeral paths and, when its client is connected to this server, the connection.
     */
    public Map<String, Object> sessions(int sessionsMax, int ephemeralsMax, long nowMs) {
        Map<Long, Integer> all = new TreeMap<>(tree.sessions());
        Map<Long, Connection> bySession = new TreeMap<>();
        for (Connection c : core.connections().values()) {
            if (c.sessionId != 0) {
                bySession.put(c.sessionId, c);
            }
        }
        List<Object> list = new ArrayList<>();
        for (Map.Entry<Long, Integer> entry : all.entrySet()) {
            if (list.size() == sessionsMax) {
                break;
            }
            long id = entry.getKey();
            Map<String, Object> session = new LinkedHashMap<>();
            session.put("id", SessionIds.toHex(id));
            session.put("timeoutMs", entry.getValue());
            Session live = core.sessions().get(id);
            if (live != null) {
                session.put("expiresInMs", Math.max(0, live.deadlineMs - nowMs));
            }
            Connection connection = bySession.get(id);
            session.put("connection", connection == null ? null : connection.endpoint);
            List<String> ephemerals = tree.ephemeralsOf(id);
            session.put("ephemeralCount", ephemerals.size());
            session.put("ephemerals", List.copyOf(new TreeSet<>(ephemerals)).subList(0,
                    Math.min(ephemeralsMax, ephemerals.size())));
            list.add(session);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", all.size());
        answer.put("sessions", list);
        answer.put("truncated", all.size() > list.size());
        return answer;
    }

    /**
     * The watches as the wchp and wchc listings show them (data, exists and persistent watches;
     * not child watches), by path and by session, sorted, each list at most {@code entriesMax}.
     */
    public Map<String, Object> watches(int entriesMax) {
        WatchListing listing = WatchListing.of(tree);
        List<Object> byPath = new ArrayList<>();
        for (Map.Entry<String, Set<Long>> entry : new TreeMap<>(listing.watchersByPath()).entrySet()) {
            if (byPath.size() == entriesMax) {
                break;
            }
            List<String> sessions = new ArrayList<>();
            for (long watcher : new TreeSet<>(entry.getValue())) {
                sessions.add(SessionIds.toHex(sessionOf(watcher)));
            }
            byPath.add(Map.of("path", entry.getKey(), "sessions", sessions));
        }
        Map<Long, Set<String>> bySessionId = new TreeMap<>();
        for (Map.Entry<Long, Set<String>> entry : listing.pathsByWatcher().entrySet()) {
            bySessionId.computeIfAbsent(sessionOf(entry.getKey()), k -> new TreeSet<>()).addAll(entry.getValue());
        }
        List<Object> bySession = new ArrayList<>();
        for (Map.Entry<Long, Set<String>> entry : bySessionId.entrySet()) {
            if (bySession.size() == entriesMax) {
                break;
            }
            bySession.add(Map.of("session", SessionIds.toHex(entry.getKey()), "paths",
                    List.copyOf(entry.getValue()).subList(0, Math.min(entriesMax, entry.getValue().size()))));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", listing.totalWatches());
        answer.put("paths", listing.watchersByPath().size());
        answer.put("byPath", byPath);
        answer.put("bySession", bySession);
        answer.put("truncated", byPath.size() < listing.watchersByPath().size()
                || bySession.size() < bySessionId.size());
        return answer;
    }

    private long sessionOf(long watcher) {
        Connection connection = core.connections().get(watcher);
        return connection == null ? 0 : connection.sessionId;
    }

    /**
     * Counters for the console's live charts: cumulative packets and request latencies (the page
     * turns differences between two polls into rates and averages), and current gauges.
     */
    public Map<String, Object> stats(long nowMs) {
        ServerStats stats = core.stats();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("timeMs", nowMs);
        answer.put("packetsReceived", stats.packetsReceived);
        answer.put("packetsSent", stats.packetsSent);
        answer.put("requestsCompleted", stats.latency.count());
        answer.put("latencyTotalMs", stats.latency.total());
        answer.put("maxLatencyMs", stats.latency.max());
        answer.put("outstandingRequests", core.outstandingRequests());
        answer.put("connections", core.connections().size());
        answer.put("znodes", tree.nodeCount());
        answer.put("watches", tree.watchCount());
        answer.put("sessions", tree.sessions().size());
        answer.put("lastZxid", Zxid.toHex(tree.lastZxid()));
        answer.put("mode", AdminReports.of(core).mode());
        return answer;
    }

    /** The zxid of the last transaction applied here, as hex. */
    public String lastZxid() {
        return Zxid.toHex(tree.lastZxid());
    }

    private static String failure(OpResult result) {
        return result instanceof OpResult.Failed f ? f.code().name() : "unexpected " + result;
    }

    static Map<String, Object> stat(Stat stat) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("czxid", Zxid.toHex(stat.czxid()));
        map.put("mzxid", Zxid.toHex(stat.mzxid()));
        map.put("pzxid", Zxid.toHex(stat.pzxid()));
        map.put("ctime", stat.ctime());
        map.put("mtime", stat.mtime());
        map.put("version", stat.version());
        map.put("cversion", stat.cversion());
        map.put("aversion", stat.aversion());
        map.put("ephemeralOwner", SessionIds.toHex(stat.ephemeralOwner()));
        map.put("dataLength", stat.dataLength());
        map.put("numChildren", stat.numChildren());
        return map;
    }

    private static List<Object> acls(List<Acl> acl) {
        List<Object> list = new ArrayList<>(acl.size());
        for (Acl entry : acl) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("scheme", entry.id().scheme());
            map.put("id", entry.id().id());
            map.put("perms", perms(entry.perms()));
            list.add(map);
        }
        return list;
    }

    /** Permissions in zkCli's letters: {@code cdrwa}. */
    public static String perms(int perms) {
        StringBuilder text = new StringBuilder();
        if ((perms & Perms.CREATE) != 0) {
            text.append('c');
        }
        if ((perms & Perms.DELETE) != 0) {
            text.append('d');
        }
        if ((perms & Perms.READ) != 0) {
            text.append('r');
        }
        if ((perms & Perms.WRITE) != 0) {
            text.append('w');
        }
        if ((perms & Perms.ADMIN) != 0) {
            text.append('a');
        }
        return text.toString();
    }

    /**
     * Data as the console shows it: UTF-8 text when it decodes and holds no control characters
     * but tab and line ends, else hex; at most {@code shownMax} bytes.
     */
    static Map<String, Object> data(byte[] data, int shownMax) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (data == null) {
            map.put("encoding", "null");
            map.put("sizeBytes", 0);
            map.put("value", "");
            map.put("truncated", false);
            return map;
        }
        int shown = Math.min(shownMax, data.length);
        String text = asText(data, shown);
        map.put("encoding", text == null ? "hex" : "utf8");
        map.put("sizeBytes", data.length);
        map.put("value", text != null ? text : HexFormat.of().formatHex(data, 0, shown));
        map.put("truncated", shown < data.length);
        return map;
    }

    /** The first {@code length} bytes as text, or null when they are not readable text. */
    private static String asText(byte[] data, int length) {
        String text = null;
        // a cut may split a character (of up to 4 bytes): when the data is longer than shown, the
        // text is what decodes after dropping at most 3 bytes at the end
        int dropsMax = length == data.length ? 0 : Math.min(3, length);
        for (int drop = 0; text == null && drop <= dropsMax; drop++) {
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(data, 0, length - drop)).toString();
            } catch (CharacterCodingException e) {
                text = null;
            }
        }
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return null;
            }
        }
        return text;
    }
}
