package io.warden.daemon;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.warden.common.Clock;
import io.warden.server.ServerCore;
import io.warden.server.ServerInput;
import io.warden.server.ServerOutput;
import io.warden.transport.ClientPort;

/**
 * The one thread that owns the core. It drains the inbound queue, hands each input to the core
 * with the current time, and carries out the outputs in order: a proposal is appended to the log
 * and, as a standalone server is an ensemble of one, committed right after; sends and closes go to
 * the client port, which is flushed once the queue is empty.
 */
final class DriverLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(DriverLoop.class);

    private final ServerCore core;
    private final BlockingQueue<ServerInput> inbound;
    private final TxnLog log;
    private final Clock clock;
    private final long tickIntervalMs;
    private ClientPort port;
    private volatile boolean running = true;

    DriverLoop(ServerCore core, BlockingQueue<ServerInput> inbound, TxnLog log, Clock clock, long tickIntervalMs) {
        this.core = core;
        this.inbound = inbound;
        this.log = log;
        this.clock = clock;
        this.tickIntervalMs = tickIntervalMs;
    }

    void attach(ClientPort clientPort) {
        this.port = clientPort;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        List<ServerOutput> outputs = new ArrayList<>();
        Deque<ServerInput> followUps = new ArrayDeque<>();
        long nextTickMs = clock.nowMs() + tickIntervalMs;
        try {
            while (running) {
                long waitMs = Math.max(0, nextTickMs - clock.nowMs());
                ServerInput input = inbound.poll(waitMs, TimeUnit.MILLISECONDS);
                if (clock.nowMs() >= nextTickMs) {
                    handle(new ServerInput.Tick(), outputs, followUps);
                    nextTickMs = clock.nowMs() + tickIntervalMs;
                }
                if (input != null) {
                    handle(input, outputs, followUps);
                }
                while ((input = inbound.poll()) != null) {
                    handle(input, outputs, followUps);
                }
                port.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("the driver loop failed; the server stops serving", e);
            throw e;
        }
    }

    private void handle(ServerInput input, List<ServerOutput> outputs, Deque<ServerInput> followUps) {
        followUps.add(input);
        while (!followUps.isEmpty()) {
            ServerInput next = followUps.poll();
            outputs.clear();
            core.handle(next, clock.nowMs(), outputs);
            for (ServerOutput output : outputs) {
                carryOut(output, followUps);
            }
        }
    }

    private void carryOut(ServerOutput output, Deque<ServerInput> followUps) {
        if (output instanceof ServerOutput.Propose propose) {
            log.append(propose.txn());
            followUps.add(new ServerInput.Committed(propose.txn().zxid()));
        } else if (output instanceof ServerOutput.ToConnection toConnection) {
            port.send(toConnection.connId(), toConnection);
        }
    }
}
