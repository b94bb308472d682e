package io.warden.cli.bench;

import java.net.ConnectException;
import java.util.concurrent.TimeUnit;

import io.warden.wire.OpCode;
import io.warden.wire.WireFormatException;
import io.warden.wire.proto.GetAllChildrenNumberResponse;
import io.warden.wire.proto.GetAllChildrenNumberRequest;
import io.warden.wire.proto.GetDataRequest;

/**
 * Polls one server from the moment restart-wait starts until it serves: it accepts TCP
 * connections ({@code listening}), then a session ({@code session}), then answers a read of the
 * population's last node and counts at least the population's nodes under its root
 * ({@code serving}); without a population a read of {@code /} is enough. Once a session is open it
 * polls on it; a lost session is opened again. Each moment is in nanoseconds from {@code startNanos}
 * ({@link #NOT_YET} until it happens). Runs on its own thread until serving or the deadline.
 */
final class ReadinessProbe implements Runnable {
    static final long NOT_YET = -1;

    private final ServerAddress address;
    private final PopulateLayout population;
    private final long startNanos;
    private final long deadlineNanos;
    private final long pollIntervalNanos;
    private volatile long listeningNanos = NOT_YET;
    private volatile long sessionNanos = NOT_YET;
    private volatile long servingNanos = NOT_YET;
    private volatile long attempts;
    private volatile String lastProblem = "no attempt yet";

    /**
     * @param population the populate layout whose nodes must be readable, or null to need only a
     *                   session and a read of {@code /}
     */
    ReadinessProbe(ServerAddress address, PopulateLayout population, long startNanos, long deadlineNanos,
            long pollIntervalMs) {
        this.address = address;
        this.population = population;
        this.startNanos = startNanos;
        this.deadlineNanos = deadlineNanos;
        this.pollIntervalNanos = TimeUnit.MILLISECONDS.toNanos(pollIntervalMs);
    }

    @Override
    public void run() {
        BenchConnection connection = null;
        try {
            while (System.nanoTime() - deadlineNanos < 0) {
                attempts++;
                if (connection == null || !connection.isOpen()) {
                    connection = connect();
                }
                if (connection != null && serving(connection)) {
                    servingNanos = System.nanoTime() - startNanos;
                    return;
                }
                long pause = Math.min(pollIntervalNanos, deadlineNanos - System.nanoTime());
                if (pause > 0) {
                    TimeUnit.NANOSECONDS.sleep(pause);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lastProblem = "interrupted";
        } finally {
            if (connection != null) {
                try {
                    connection.close();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private BenchConnection connect() {
        try {
            BenchConnection connection = BenchConnection.open("restart-wait", address, NotificationListener.IGNORE);
            long now = System.nanoTime() - startNanos;
            if (listeningNanos == NOT_YET) {
                listeningNanos = now;
            }
            if (sessionNanos == NOT_YET) {
                sessionNanos = now;
            }
            return connection;
        } catch (BenchException e) {
            if (!(e.getCause() instanceof ConnectException) && listeningNanos == NOT_YET) {
                // The connection was accepted and then closed or left unanswered: the port is open.
                listeningNanos = System.nanoTime() - startNanos;
            }
            lastProblem = e.getMessage();
            return null;
        }
    }

    private boolean serving(BenchConnection connection) throws InterruptedException {
        try {
            if (population == null) {
                return answered(connection.await(OpCode.GET_DATA, new GetDataRequest("/", false)), "getData /");
            }
            String last = population.nodePath(population.nodes() - 1);
            if (!answered(connection.await(OpCode.GET_DATA, new GetDataRequest(last, false)), "getData " + last)) {
                return false;
            }
            Reply counted = connection.await(OpCode.GET_ALL_CHILDREN_NUMBER,
                    new GetAllChildrenNumberRequest(BenchTree.POPULATE_ROOT));
            if (!answered(counted, "getAllChildrenNumber " + BenchTree.POPULATE_ROOT)) {
                return false;
            }
            long expected = population.nodes() + population.parents();
            int count = GetAllChildrenNumberResponse.read(counted.body()).totalNumber();
            if (count < expected) {
                lastProblem = BenchTree.POPULATE_ROOT + " holds " + count + " nodes, expected at least " + expected;
                return false;
            }
            return true;
        } catch (BenchException | WireFormatException e) {
            lastProblem = e.getMessage();
            return false;
        }
    }

    private boolean answered(Reply reply, String what) {
        if (reply.ok()) {
            return true;
        }
        lastProblem = what + ": " + ErrorCounts.nameOf(reply.err());
        return false;
    }

    ServerAddress address() {
        return address;
    }

    long listeningNanos() {
        return listeningNanos;
    }

    long sessionNanos() {
        return sessionNanos;
    }

    long servingNanos() {
        return servingNanos;
    }

    long attempts() {
        return attempts;
    }

    /** What kept the server from serving at the last attempt. */
    String lastProblem() {
        return lastProblem;
    }
}
