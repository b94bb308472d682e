package io.warden.daemon;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import io.warden.daemon.config.ServerConfig;
import io.warden.transport.ClientPort;
import io.warden.transport.InputSink;
import io.warden.transport.TransportLimits;

/**
 * Makes a standalone server's metrics and binds its client port on a thread of its own while the
 * data is recovered: neither needs anything recovery gives, and after recovery they took 0.13 to
 * 0.19 s of every restart. The port accepts nothing until the server calls
 * {@link ClientPort#startAccepting} once its driver runs: a client that connects meanwhile waits
 * in the listen backlog ({@code clientPortListenBacklog} bounds how many), so nothing is answered
 * from a tree not yet whole and nothing piles up in the process (Apache ZooKeeper also listens
 * while it loads, and closes such clients).
 */
final class EarlyOpening {
    /** What was opened: the metrics, and the bound client port. */
    record Opened(DaemonMetrics metrics, ClientPort port) {
        /** Closes both, for a start that failed. */
        void close() {
            port.close();
            metrics.close();
        }
    }

    private final FutureTask<Opened> task;

    private EarlyOpening(FutureTask<Opened> task) {
        this.task = task;
    }

    /** Starts making the metrics and binding the port on {@code host} with {@code limits}, inputs going to {@code sink}. */
    static EarlyOpening start(ServerConfig config, String host, TransportLimits limits, InputSink sink) {
        FutureTask<Opened> task = new FutureTask<>(() -> {
            DaemonMetrics metrics = DaemonMetrics.forConfig(config);
            try {
                ClientPort port = new ClientPort(new InetSocketAddress(host, config.clientPort()), limits,
                        Math.max(1, Runtime.getRuntime().availableProcessors()), config.clientPortListenBacklog(), sink,
                        false);
                return new Opened(metrics, port);
            } catch (Exception | Error e) {
                metrics.close();
                throw e;
            }
        });
        Thread thread = new Thread(task, "warden-open-port");
        thread.setDaemon(true);
        thread.start();
        return new EarlyOpening(task);
    }

    /**
     * Waits for the port: what was opened, or the failure as it was thrown (a port in use is a
     * BindException; any other checked exception is said as "cannot bind").
     */
    Opened await() throws IOException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon();
            throw new IOException("interrupted while binding the client port", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InterruptedException) {
                throw new IOException("interrupted while binding the client port", cause);
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException("cannot bind: " + cause.getMessage(), cause);
        }
    }

    /** Closes whatever was opened, once the opening thread is done; for a start that failed. */
    void abandon() {
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    task.get().close();
                    return;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    return; // nothing was left open
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
