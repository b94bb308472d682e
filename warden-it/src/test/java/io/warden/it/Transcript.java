package io.warden.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.OpResult;
import org.apache.zookeeper.WatchedEvent;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.ClientInfo;
import org.apache.zookeeper.data.Stat;

/**
 * What a scenario observed, one line per step, with everything that legitimately differs between
 * two correct servers normalised away so that two transcripts can be compared for equality:
 *
 * <ul>
 *   <li>session ids become {@code S1}, {@code S2}, ... in order of appearance;
 *   <li>zxids are printed relative to a base (the czxid of the scenario's root node) as
 *       {@code b+N}, so one scenario does not depend on what ran before it on a shared server; with
 *       no base (a fresh server) they are printed as they are. 0 and negative values are printed as
 *       they are in both cases;
 *   <li>ctime is printed only as zero or not, mtime only relative to ctime (equal when the node was
 *       never modified, otherwise at-or-after / before);
 *   <li>lists of names (children, ephemerals) are sorted, their order being unspecified.
 * </ul>
 */
public final class Transcript {

    private final List<String> lines = new ArrayList<>();
    private final Map<Long, String> sessions = new LinkedHashMap<>();
    private long zxidBase;

    /** Makes zxids print relative to {@code base}; 0 means print them as they are. */
    public void setZxidBase(long base) {
        this.zxidBase = base;
    }

    /** The stable label of a session id: {@code 0} stays {@code 0}, others get S1, S2, ... */
    public String session(long id) {
        if (id == 0) {
            return "0";
        }
        return sessions.computeIfAbsent(id, k -> "S" + (sessions.size() + 1));
    }

    public String zxid(long zxid) {
        if (zxidBase == 0 || zxid <= 0) {
            return Long.toString(zxid);
        }
        long delta = zxid - zxidBase;
        return delta >= 0 ? "b+" + delta : "b" + delta;
    }

    /** Appends a line as is. */
    public void line(String text) {
        lines.add(text);
    }

    /** Appends {@code label: rendered(value)}. */
    public void value(String label, Object value) {
        lines.add(label + ": " + render(value));
    }

    /**
     * Runs a client call and records {@code label -> result} or {@code label -> ERR CODE ...}.
     *
     * @return the call's result, or null when it threw a {@link KeeperException} or was rejected by
     *     the client with an {@link IllegalArgumentException}
     */
    public <T> T op(String label, Call<T> call) throws InterruptedException {
        try {
            T result = call.call();
            lines.add(label + " -> " + render(result));
            return result;
        } catch (KeeperException e) {
            lines.add(label + " -> " + render(e));
            return null;
        } catch (IllegalArgumentException e) {
            lines.add(label + " -> client rejected: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return null;
        }
    }

    /** Like {@link #op} for calls with no result; success is recorded as {@code ok}. */
    public void run(String label, VoidCall call) throws InterruptedException {
        op(label, () -> {
            call.call();
            return Ok.OK;
        });
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    public String text() {
        return lines.stream().map(l -> l + "\n").collect(Collectors.joining());
    }

    /** Renders a value the way transcripts print it. */
    public String render(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Ok) {
            return "ok";
        }
        if (value instanceof Stat s) {
            return stat(s);
        }
        if (value instanceof byte[] b) {
            return data(b);
        }
        if (value instanceof ACL acl) {
            return acl.getPerms() + ":" + acl.getId().getScheme() + ":" + acl.getId().getId();
        }
        if (value instanceof ClientInfo ci) {
            return ci.getAuthScheme() + ":" + ci.getUser();
        }
        if (value instanceof WatchedEvent e) {
            return event(e);
        }
        if (value instanceof OpResult r) {
            return opResult(r);
        }
        if (value instanceof KeeperException e) {
            return keeperException(e);
        }
        if (value instanceof Collection<?> c) {
            if (!c.isEmpty() && c.stream().allMatch(o -> o instanceof String || o instanceof ClientInfo)) {
                // names, and whoAmI identities (the reference keeps them in a hash set): order unspecified
                return c.stream().map(this::render).sorted().collect(Collectors.joining(", ", "[", "]"));
            }
            return c.stream().map(this::render).collect(Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }

    /**
     * An ACL list as strings, for {@link #render} to sort: for ACLs expanded from the caller's
     * identities (scheme {@code auth}), whose order follows an unordered set in the reference.
     */
    public List<String> unorderedAcl(List<ACL> acl) {
        return acl.stream().map(this::render).toList();
    }

    /** All 11 Stat fields, normalised. */
    public String stat(Stat s) {
        return "{czxid=" + zxid(s.getCzxid())
                + " mzxid=" + zxid(s.getMzxid())
                + " pzxid=" + zxid(s.getPzxid())
                + " ctime=" + (s.getCtime() == 0 ? "0" : "t")
                + " mtime=" + mtime(s)
                + " version=" + s.getVersion()
                + " cversion=" + s.getCversion()
                + " aversion=" + s.getAversion()
                + " owner=" + session(s.getEphemeralOwner())
                + " dataLength=" + s.getDataLength()
                + " numChildren=" + s.getNumChildren()
                + "}";
    }

    private static String mtime(Stat s) {
        if (s.getMtime() == 0) {
            return "0";
        }
        if (s.getMzxid() == s.getCzxid()) {
            // never modified: must be the creation time exactly
            return s.getMtime() == s.getCtime() ? "ctime" : (s.getMtime() > s.getCtime() ? "after-ctime!" : "before-ctime!");
        }
        // modified: equal or later depends on the clock's resolution, so only the order is stable
        return s.getMtime() >= s.getCtime() ? ">=ctime" : "<ctime";
    }

    static String data(byte[] b) {
        if (b.length == 0) {
            return "''";
        }
        boolean printable = true;
        for (byte x : b) {
            if (x < 0x20 || x > 0x7e) {
                printable = false;
                break;
            }
        }
        return printable ? "'" + new String(b, StandardCharsets.US_ASCII) + "'" : "0x" + HexFormat.of().formatHex(b);
    }

    private String event(WatchedEvent e) {
        return e.getType() + " " + e.getPath() + " zxid=" + zxid(e.getZxid()) + " state=" + e.getState();
    }

    private String opResult(OpResult r) {
        if (r instanceof OpResult.CreateResult c) {
            return "create(type=" + c.getType() + " path=" + c.getPath() + " stat=" + render(c.getStat()) + ")";
        }
        if (r instanceof OpResult.DeleteResult) {
            return "delete(type=" + r.getType() + ")";
        }
        if (r instanceof OpResult.SetDataResult s) {
            return "setData(type=" + s.getType() + " stat=" + render(s.getStat()) + ")";
        }
        if (r instanceof OpResult.CheckResult) {
            return "check(type=" + r.getType() + ")";
        }
        if (r instanceof OpResult.GetDataResult g) {
            return "getData(type=" + g.getType() + " data=" + render(g.getData()) + " stat=" + render(g.getStat()) + ")";
        }
        if (r instanceof OpResult.GetChildrenResult g) {
            return "getChildren(type=" + g.getType() + " children=" + render(g.getChildren()) + ")";
        }
        if (r instanceof OpResult.ErrorResult e) {
            return "error(type=" + e.getType() + " err=" + codeName(e.getErr()) + ")";
        }
        return r.getClass().getSimpleName() + "(type=" + r.getType() + ")";
    }

    private String keeperException(KeeperException e) {
        StringBuilder sb = new StringBuilder("ERR ").append(e.code());
        if (e.getPath() != null) {
            sb.append(" path=").append(e.getPath());
        }
        List<OpResult> results = e.getResults();
        if (results != null) {
            sb.append(" results=").append(render(results));
        }
        return sb.toString();
    }

    /** The name of a KeeperException code number, with the number when the client knows no name. */
    public static String codeName(int code) {
        KeeperException.Code c = KeeperException.Code.get(code);
        return c == null ? Integer.toString(code) : c.name();
    }

    /** A client call with a result. */
    @FunctionalInterface
    public interface Call<T> {
        T call() throws KeeperException, InterruptedException;
    }

    /** A client call with no result. */
    @FunctionalInterface
    public interface VoidCall {
        void call() throws KeeperException, InterruptedException;
    }

    private enum Ok {
        OK
    }
}
