package io.warden.client;

import io.netty.channel.EventLoopGroup;
import io.warden.common.RandomSource;
import io.warden.common.ZnodePaths;
import io.warden.wire.ErrorCode;
import io.warden.wire.OpCode;
import io.warden.wire.proto.AuthPacket;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the asynchronous and the blocking facade share: the session on its I/O thread, the event
 * thread, the retry policy, and the way a {@link Spec} becomes a future. An outcome is handed to
 * the application on the event thread (asynchronous API, so that completions and watch events
 * keep their order) or directly on the I/O thread (blocking API, so that a blocking call made from
 * a watcher cannot wait for itself).
 */
final class ClientCore {
    private static final Logger LOG = LoggerFactory.getLogger(ClientCore.class);

    private final ClientDriver driver;
    private final ClientSession session;
    private final Operations operations;
    private final RetryPolicy retryPolicy;
    private final RandomSource random;
    private final EventLoopGroup ownedGroupOrNull;
    private final long closeTimeoutMs;
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Attempts waiting for their retry timer; close() ends them, since a stopped loop never runs the timer. */
    private final Set<Attempts<?>> retrying = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();

    ClientCore(ClientDriver driver, ClientSession session, Operations operations, RetryPolicy retryPolicy,
            RandomSource random, EventLoopGroup ownedGroupOrNull, long closeTimeoutMs) {
        this.driver = driver;
        this.session = session;
        this.operations = operations;
        this.retryPolicy = retryPolicy;
        this.random = random;
        this.ownedGroupOrNull = ownedGroupOrNull;
        this.closeTimeoutMs = closeTimeoutMs;
    }

    void start() {
        driver.run(session::start);
    }

    Operations operations() {
        return operations;
    }

    ClientDriver driver() {
        return driver;
    }

    /** The session; only to be touched on the driver's loop ({@link ClientDriver#run}). */
    ClientSession session() {
        return session;
    }

    /** Submits {@code spec}; idempotent ones are retried by the policy on connection loss and expiry. */
    <T> CompletableFuture<T> call(Spec<T> spec, boolean direct) {
        CompletableFuture<T> future = new CompletableFuture<>();
        Spec<T> sized;
        try {
            sized = operations.checkedSize(spec);
        } catch (WardenException e) {
            future.completeExceptionally(e);
            return future;
        }
        new Attempts<>(sized, future, direct, driver.nowMs()).submit();
        return future;
    }

    CompletableFuture<Void> addAuth(String scheme, byte[] auth, boolean direct) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        Call call = new Call(OpCode.AUTH, null, null, ReplyReader.NONE, null, null,
                outcome -> deliver(future, direct, () -> complete(future, outcome, null)));
        driver.run(now -> session.addAuth(new AuthPacket(0, scheme, auth), call, now));
        return future;
    }

    /** Creates {@code path} and its missing ancestors with {@code mode}; nodes that exist are kept. */
    CompletableFuture<Void> ensurePath(String path, CreateMode mode, boolean direct) {
        String problem = ZnodePaths.problem(path);
        if (problem != null) {
            throw new IllegalArgumentException("invalid path " + path + ": " + problem);
        }
        return call(operations.exists(path, null), direct).thenCompose(stat -> {
            if (stat != null || path.equals("/")) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            for (int slash = path.indexOf('/', 1); ; slash = path.indexOf('/', slash + 1)) {
                String prefix = slash < 0 ? path : path.substring(0, slash);
                chain = chain.thenCompose(ignored -> createIfMissing(prefix, mode, direct));
                if (slash < 0) {
                    return chain;
                }
            }
        });
    }

    private CompletableFuture<Void> createIfMissing(String path, CreateMode mode, boolean direct) {
        return call(operations.exists(path, null), direct).thenCompose(stat -> {
            if (stat != null) {
                return CompletableFuture.completedFuture(null);
            }
            return call(operations.create(Op.create(path, new byte[0], mode)), direct).handle((created, failure) -> {
                if (failure != null && !WardenException.hasCode(failure, ErrorCode.NODEEXISTS)) {
                    throw rethrown(failure);
                }
                return null;
            });
        });
    }

    /** Deletes {@code path} and everything below it, children first; a node already gone is fine. */
    CompletableFuture<Void> deleteAll(String path, boolean direct) {
        return call(operations.getChildren(path, null), direct).handle((children, failure) -> {
            if (failure != null) {
                if (WardenException.hasCode(failure, ErrorCode.NONODE)) {
                    return CompletableFuture.<Void>completedFuture(null);
                }
                return CompletableFuture.<Void>failedFuture(rethrown(failure).getCause());
            }
            CompletableFuture<?>[] below = children.names().stream()
                    .map(name -> deleteAll(ZnodePaths.child(path, name), direct))
                    .toArray(CompletableFuture[]::new);
            return CompletableFuture.allOf(below).thenCompose(ignored -> call(operations.delete(path, -1), direct)
                    .handle((deleted, deleteFailure) -> {
                        if (deleteFailure != null && !WardenException.hasCode(deleteFailure, ErrorCode.NONODE)) {
                            throw rethrown(deleteFailure);
                        }
                        return (Void) null;
                    }));
        }).thenCompose(next -> next);
    }

    /** A CompletionException around the failure itself, unwrapped from the layers futures add. */
    static CompletionException rethrown(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return new CompletionException(cause);
    }

    /** Closes the session (closeSession, then the connection) and stops the threads; waits a bounded time. */
    void close() {
        if (!closing.compareAndSet(false, true)) {
            awaitQuietly(closed);
            return;
        }
        CompletableFuture<Void> sessionClosed = new CompletableFuture<>();
        Call call = new Call(OpCode.CLOSE_SESSION, null, null, ReplyReader.NONE, null, null,
                outcome -> sessionClosed.complete(null));
        driver.run(now -> session.close(call, now));
        awaitQuietly(sessionClosed);
        for (Attempts<?> attempts : retrying) {
            attempts.end(Outcome.client(ErrorCode.SESSIONEXPIRED, "the client was closed before the retry"));
        }
        try {
            driver.events().shutdown(closeTimeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownedGroupOrNull != null) {
            ownedGroupOrNull.shutdownGracefully(0, closeTimeoutMs, TimeUnit.MILLISECONDS);
        }
        closed.complete(null);
    }

    private void awaitQuietly(CompletableFuture<Void> future) {
        try {
            future.get(closeTimeoutMs * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("closing the client did not finish in time: {}", e.toString());
        }
    }

    private void deliver(CompletableFuture<?> future, boolean direct, Runnable completion) {
        if (direct) {
            completion.run();
        } else {
            driver.events().dispatch(completion);
        }
    }

    private static <T> void complete(CompletableFuture<T> future, Outcome outcome, Spec<T> specOrNull) {
        try {
            if (specOrNull == null) {
                if (!outcome.isOk()) {
                    throw new WardenException(outcome.code(), null, outcome.detail());
                }
                future.complete(null);
            } else {
                future.complete(specOrNull.convert().apply(outcome));
            }
        } catch (WardenException e) {
            future.completeExceptionally(e);
        } catch (RuntimeException e) {
            future.completeExceptionally(new WardenException(ErrorCode.MARSHALLINGERROR, null,
                    "the reply could not be turned into a result: " + e));
        }
    }

    private static boolean retryable(ErrorCode code) {
        return code == ErrorCode.CONNECTIONLOSS || code == ErrorCode.SESSIONEXPIRED
                || code == ErrorCode.REQUESTTIMEOUT || code == ErrorCode.THROTTLEDOP;
    }

    /** The attempts of one submitted spec. Its outcome handler runs on the I/O thread. */
    private final class Attempts<T> {
        private final Spec<T> spec;
        private final CompletableFuture<T> future;
        private final boolean direct;
        private final long firstAttemptMs;
        private final AtomicBoolean ended = new AtomicBoolean();
        private int retries;

        Attempts(Spec<T> spec, CompletableFuture<T> future, boolean direct, long firstAttemptMs) {
            this.spec = spec;
            this.future = future;
            this.direct = direct;
            this.firstAttemptMs = firstAttemptMs;
        }

        void submit() {
            Call call = new Call(spec.opCode(), spec.request(), spec.path(), spec.reader(), spec.registration(),
                    spec.removal(), this::outcome);
            driver.run(now -> session.submit(call, now));
        }

        private void outcome(Outcome outcome) {
            if (!outcome.isOk() && spec.idempotent() && retryable(outcome.code()) && !closing.get()) {
                long delayMs = retryPolicy.delayBeforeRetryMs(retries + 1, driver.nowMs() - firstAttemptMs, random);
                if (delayMs >= 0) {
                    retries++;
                    LOG.debug("retry {} of {} in {} ms after {}", retries, OpCode.name(spec.opCode()), delayMs,
                            outcome.code());
                    retrying.add(this);
                    driver.schedule(delayMs, now -> {
                        retrying.remove(this);
                        if (closing.get()) {
                            end(Outcome.client(ErrorCode.SESSIONEXPIRED, "the client was closed before the retry"));
                        } else {
                            submit();
                        }
                    });
                    return;
                }
            }
            end(outcome);
        }

        /** Hands the outcome to the application, once. */
        void end(Outcome outcome) {
            retrying.remove(this);
            if (ended.compareAndSet(false, true)) {
                deliver(future, direct, () -> complete(future, outcome, spec));
            }
        }
    }
}
