package io.warden.daemon.console;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.warden.common.ZnodePaths;
import io.warden.daemon.config.ServerMember;
import io.warden.server.ConsoleReads;
import io.warden.server.ServerOutput;
import io.warden.transport.ClientPort;
import io.warden.wire.ErrorCode;
import io.warden.wire.Id;

/**
 * The web console: routes a request under {@link #PREFIX} to a static asset, a read (run on the
 * driver thread through a {@link ConsoleCall}) or an edit (a client's request over an {@link
 * InProcessConnection}), and checks it on the way: method, the operator's credentials, and for
 * edits the marks of a same-origin script (a JSON body, the {@link #CSRF_HEADER}, and an {@code
 * Origin}, when sent, naming this host). Plain Java: the AdminServer's Netty handler hands it
 * {@link ConsoleRequest}s and writes out the {@link ConsoleResponse}s.
 */
public final class WebConsole {
    private static final Logger LOG = LoggerFactory.getLogger(WebConsole.class);
    /** Where the console lives on the AdminServer's port. */
    public static final String PREFIX = "/console";
    /** Where its JSON API lives. */
    static final String API = PREFIX + "/api/";
    /**
     * The header every edit must carry. A browser sends a custom header cross-origin only after a
     * preflight, which the console never grants, so a page elsewhere cannot make an edit.
     */
    public static final String CSRF_HEADER = "X-Warden-Console";

    private final ConsoleLimits limits;
    private final Consumer<Object> toDriver;
    private final InProcessConnection.LocalConnections localConnections;
    private final StaticAssets assets = StaticAssets.load();
    private final EnsembleView ensemble;
    private final Semaphore readsInFlight;
    private final Semaphore editsInFlight;
    private final AtomicLong nextConnId;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param toDriver         puts an item on the driver's inbound queue
     * @param localConnections where the edits' connections attach (the client port)
     * @param firstConnId      the first connection id of the console's range
     * @param members          the configured ensemble members, empty for a standalone server
     */
    WebConsole(ConsoleLimits limits, Consumer<Object> toDriver,
            InProcessConnection.LocalConnections localConnections, long firstConnId, List<ServerMember> members) {
        this.limits = limits;
        this.toDriver = toDriver;
        this.localConnections = localConnections;
        this.ensemble = new EnsembleView(members);
        this.readsInFlight = new Semaphore(limits.readsInFlightMax());
        this.editsInFlight = new Semaphore(limits.editsInFlightMax());
        this.nextConnId = new AtomicLong(firstConnId);
    }

    /**
     * The console of a server whose client port is {@code port}: its edits' connections attach
     * there, with ids from {@link ClientPort#LOCAL_CONN_ID_FIRST} up.
     */
    public static WebConsole overClientPort(ConsoleLimits limits, Consumer<Object> toDriver, ClientPort port,
            List<ServerMember> members) {
        return new WebConsole(limits, toDriver, new InProcessConnection.LocalConnections() {
            @Override
            public void attachLocal(long connId, Consumer<ServerOutput.ToConnection> receiver) {
                port.attachLocal(connId, receiver);
            }

            @Override
            public void detachLocal(long connId) {
                port.detachLocal(connId);
            }
        }, ClientPort.LOCAL_CONN_ID_FIRST, members);
    }

    /** Whether a request path belongs to the console. */
    public static boolean handles(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    /**
     * Answers a request; the future never completes exceptionally. Answers that wait for the
     * driver are written up on {@code answering} (the connection's event loop), never on the
     * driver thread.
     */
    public CompletableFuture<ConsoleResponse> respond(ConsoleRequest request, Executor answering) {
        try {
            return route(request, answering).exceptionally(e -> {
                LOG.warn("console request {} {} failed", request.method(), request.path(), e);
                return error(500, "INTERNAL", "the console failed to answer: " + e);
            });
        } catch (RuntimeException e) {
            LOG.warn("console request {} {} failed", request.method(), request.path(), e);
            return CompletableFuture.completedFuture(error(500, "INTERNAL", "the console failed to answer"));
        }
    }

    private CompletableFuture<ConsoleResponse> route(ConsoleRequest request, Executor answering) {
        String path = request.path();
        if (path.equals(PREFIX)) {
            return done(ConsoleResponse.redirect(PREFIX + "/"));
        }
        if (!path.startsWith(API)) {
            if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
                return done(error(405, "METHOD_NOT_ALLOWED", "pages are read with GET"));
            }
            String name = path.substring(PREFIX.length() + 1);
            ConsoleResponse asset = assets.get(name.isEmpty() ? StaticAssets.INDEX : name);
            return done(asset != null ? asset : ConsoleResponse.text(404, "Not Found\n"));
        }
        String endpoint = path.substring(API.length());
        OperatorCredentials.Parsed operator = OperatorCredentials.parse(request.authorization());
        if (operator instanceof OperatorCredentials.Malformed malformed) {
            return done(error(401, "AUTHFAILED", malformed.reason()));
        }
        String credentials = operator instanceof OperatorCredentials.Given given
                ? given.credentials().userColonPassword() : null;
        if (endpoint.startsWith("edit/")) {
            return edit(request, endpoint.substring("edit/".length()), operator, answering);
        }
        if (!request.method().equals("GET")) {
            return done(error(405, "METHOD_NOT_ALLOWED", "the console's reads take GET; edits take POST"));
        }
        Reader read = (name, what) -> read(name, what, answering);
        return switch (endpoint) {
            case "whoami" -> read.read("whoami", s -> whoami(s, credentials));
            case "children" -> withPath(request, p -> read.read("children", s -> {
                ConsoleReads reads = ConsoleReads.of(s.core());
                return reads.children(p, request.param("after"), limits.childrenPageMax(),
                        reads.identities(credentials));
            }));
            case "node" -> withPath(request, p -> read.read("node", s -> {
                ConsoleReads reads = ConsoleReads.of(s.core());
                return reads.node(p, reads.identities(credentials), limits.dataBytesShownMax());
            }));
            case "search" -> search(request, credentials, read);
            case "sessions" -> read.read("sessions", s -> ConsoleReads.of(s.core()).sessions(limits.sessionsListedMax(),
                    limits.ephemeralsListedMax(), s.nowMs()));
            case "watches" -> read.read("watches", s -> ConsoleReads.of(s.core()).watches(limits.watchesListedMax()));
            case "ensemble" -> read.read("ensemble", ensemble::read);
            case "stats" -> read.read("stats", s -> ConsoleReads.of(s.core()).stats(s.nowMs()));
            default -> done(error(404, "NOT_FOUND", "no such console API"));
        };
    }

    private static Map<String, Object> whoami(ConsoleCall.DriverState state, String credentials) {
        Map<String, Object> answer = new LinkedHashMap<>();
        List<Id> identities = ConsoleReads.of(state.core()).identities(credentials);
        answer.put("authenticated", credentials != null);
        answer.put("identities", identities.stream().map(id -> id.scheme() + ":" + id.id()).toList());
        return answer;
    }

    /** Hands a read to the driver (see {@link #read(String, ConsoleCall.Read, Executor)}). */
    @FunctionalInterface
    private interface Reader {
        CompletableFuture<ConsoleResponse> read(String name, ConsoleCall.Read what);
    }

    private CompletableFuture<ConsoleResponse> search(ConsoleRequest request, String credentials, Reader read) {
        String needle = request.param("q");
        if (needle == null || needle.isEmpty()) {
            return done(error(400, "BADARGUMENTS", "search needs a non-empty 'q'"));
        }
        return read.read("search", s -> {
            ConsoleReads reads = ConsoleReads.of(s.core());
            return reads.search(needle, limits.searchResultsMax(), limits.searchVisitsMax(),
                    reads.identities(credentials));
        });
    }

    private CompletableFuture<ConsoleResponse> withPath(ConsoleRequest request,
            java.util.function.Function<String, CompletableFuture<ConsoleResponse>> then) {
        String path = request.param("path");
        if (path == null || !ZnodePaths.isValid(path)) {
            return done(error(400, "BADARGUMENTS", "'path' must be a valid znode path"));
        }
        return then.apply(path);
    }

    /** Hands a read to the driver; 503 when too many wait or the driver does not answer in time. */
    private CompletableFuture<ConsoleResponse> read(String name, ConsoleCall.Read read, Executor answering) {
        if (!readsInFlight.tryAcquire()) {
            return done(error(503, "THROTTLEDOP", "too many console reads are waiting for the server; try again"));
        }
        ConsoleCall call = new ConsoleCall(name, read, readsInFlight::release);
        try {
            toDriver.accept(call);
        } catch (RuntimeException e) {
            readsInFlight.release();
            throw e;
        }
        return call.future().orTimeout(limits.readTimeoutMs(), TimeUnit.MILLISECONDS)
                .handleAsync((answer, failure) -> {
                    if (failure != null) {
                        return error(503, "OPERATIONTIMEOUT", "the server did not answer in time");
                    }
                    int status = answer.containsKey("error") ? statusOfReadError(answer.get("error")) : 200;
                    return jsonResponse(status, answer);
                }, answering);
    }

    private static int statusOfReadError(Object error) {
        try {
            return KeeperErrors.httpStatus(ErrorCode.valueOf(String.valueOf(error)));
        } catch (IllegalArgumentException e) {
            return 500;
        }
    }

    private CompletableFuture<ConsoleResponse> edit(ConsoleRequest request, String kind,
            OperatorCredentials.Parsed operator, Executor answering) {
        if (!request.method().equals("POST") && !request.method().equals("PUT")) {
            return done(error(405, "METHOD_NOT_ALLOWED", "edits take POST or PUT"));
        }
        if (!ConsoleEdits.KINDS.contains(kind)) {
            return done(error(404, "NOT_FOUND", "no such edit; edits are " + String.join(", ", ConsoleEdits.KINDS)));
        }
        String refusal = crossSiteRefusal(request);
        if (refusal != null) {
            return done(error(403, "FORBIDDEN", refusal));
        }
        if (!(operator instanceof OperatorCredentials.Given given)) {
            return done(error(401, "AUTHFAILED", "edits need an operator: send 'Authorization: digest user:password'"));
        }
        ConsoleEdits.Edit edit;
        try {
            JsonNode body = json.readTree(request.body());
            edit = ConsoleEdits.parse(kind, body);
        } catch (ConsoleEdits.BadEdit e) {
            return done(error(400, "BADARGUMENTS", e.getMessage()));
        } catch (IOException e) {
            return done(error(400, "BADARGUMENTS", "the body is not JSON"));
        }
        if (!editsInFlight.tryAcquire()) {
            return done(error(503, "THROTTLEDOP", "too many console edits are under way; try again"));
        }
        InProcessConnection connection = new InProcessConnection(nextConnId.getAndIncrement(),
                request.remoteAddress(), given.credentials(), edit.opCode(), edit.body(),
                limits.editSessionTimeoutMs(), toDriver, localConnections);
        CompletableFuture<InProcessConnection.Outcome> outcome;
        try {
            outcome = connection.start();
        } catch (RuntimeException e) {
            editsInFlight.release();
            throw e;
        }
        LOG.info("console edit by {} from {}: {} {}", given.credentials().user(), request.remoteAddress(), kind,
                edit.path());
        return outcome.orTimeout(limits.editTimeoutMs(), TimeUnit.MILLISECONDS).handleAsync((result, failure) -> {
            editsInFlight.release();
            if (failure != null) {
                connection.abandon();
                return jsonResponse(504, KeeperErrors.body(ErrorCode.OPERATIONTIMEOUT, edit.path()));
            }
            if (result.code() != ErrorCode.OK) {
                return jsonResponse(KeeperErrors.httpStatus(result.code()), KeeperErrors.body(result.code(),
                        edit.path()));
            }
            return jsonResponse(200, ConsoleEdits.answer(edit, result));
        }, answering);
    }

    /**
     * Why an edit looks cross-site, or null: it must carry the {@link #CSRF_HEADER}, a JSON content
     * type, and no {@code Origin} other than this host's.
     */
    static String crossSiteRefusal(ConsoleRequest request) {
        if (request.csrfHeader() == null) {
            return "edits must carry the " + CSRF_HEADER + " header";
        }
        String type = request.contentType() == null ? "" : request.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            return "edits must have a JSON body (Content-Type: application/json)";
        }
        String origin = request.origin();
        if (origin != null && request.host() != null) {
            String host = origin.replaceFirst("^https?://", "");
            if (!host.equalsIgnoreCase(request.host())) {
                return "edits must come from the console's own page (Origin " + origin + " is not this host)";
            }
        }
        return null;
    }

    private ConsoleResponse error(int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return jsonResponse(status, body);
    }

    private ConsoleResponse jsonResponse(int status, Map<String, Object> body) {
        try {
            return ConsoleResponse.of(status, ConsoleResponse.JSON, json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a console answer", e);
        }
    }

    private static CompletableFuture<ConsoleResponse> done(ConsoleResponse response) {
        return CompletableFuture.completedFuture(response);
    }
}
