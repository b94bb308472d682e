package io.warden.recipes.barrier;

import io.warden.client.BlockingClient;
import io.warden.client.CreateMode;
import io.warden.client.WardenClient;
import io.warden.client.WardenException;
import io.warden.common.ZnodePaths;
import io.warden.recipes.Deadline;
import io.warden.recipes.ProtectedCreate;
import io.warden.recipes.Wakeup;
import io.warden.recipes.Waits;
import io.warden.wire.ErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A double barrier: {@code memberQty} participants {@link #enter} together and {@link #leave}
 * together. One instance is one participant, used by one thread. The node layout is that of
 * Curator's {@code DistributedDoubleBarrier}, so participants of both can meet: each participant is
 * an ephemeral child named by a UUID under the barrier path (created, with missing parents, as a
 * container), and a persistent {@code ready} child is created once {@code memberQty} participants
 * are present.
 *
 * <p>Entering: a participant creates its node, then loops: if {@code ready} exists it is in;
 * otherwise it counts the participants and, when there are at least {@code memberQty}, creates
 * {@code ready} and is in; otherwise it waits for {@code ready} to appear. It sets the watch on
 * {@code ready} <em>before</em> counting, so a participant that was counted but is slow to look
 * still gets in when the others have already left again (they cannot finish leaving while its node
 * exists, so {@code ready} is still there). Guarantees:
 * <ul>
 *   <li>{@code enter} returns true only once {@code ready} exists, and {@code ready} is created only
 *       by a participant that saw {@code memberQty} participant nodes at once, its own included.
 *   <li>A participant that times out deletes its node and returns false, unless {@code ready} exists
 *       by then (it then returns true: it was counted). If {@code ready} is created between that last
 *       look and the deletion, the others enter one short.
 *   <li>Participants beyond {@code memberQty} that arrive while {@code ready} exists enter at once.
 *   <li>A participant whose session ends while entering has its node created again.
 * </ul>
 *
 * <p>Leaving: a participant deletes its node, then waits until no participant node is left, and
 * then deletes {@code ready} (every leaver tries; the first one does it). So {@code leave} returns
 * true only when every participant has left, whatever the order; a participant still entering
 * holds the others back until it has entered and left. A participant whose session ends (a crash)
 * counts as left. At the timeout {@code leave} returns false; its node is gone all the same.
 *
 * <p>A path serves one round at a time: a participant of a new round that arrives before the last
 * leaver deleted {@code ready} would enter at once and hold the leavers back. Use a fresh path per
 * round, or start the next round once every {@code leave} returned. Waiting must not happen on the
 * client's event thread.
 */
public final class DoubleBarrier {
    /** Attempts at creating the participant's node when the connection keeps dropping. */
    static final int ATTEMPTS_MAX = 10;

    private final WardenClient client;
    private final BlockingClient blocking;
    private final String path;
    private final String readyPath;
    private final String ourName;
    private final String ourPath;
    private final int memberQty;
    private boolean entered;

    public DoubleBarrier(WardenClient client, String path, int memberQty) {
        String problem = ZnodePaths.problem(path);
        if (problem != null) {
            throw new IllegalArgumentException("invalid barrier path " + path + ": " + problem);
        }
        if (memberQty < 1) {
            throw new IllegalArgumentException("memberQty must be at least 1, not " + memberQty);
        }
        this.client = Objects.requireNonNull(client, "client");
        this.blocking = client.blocking();
        this.path = path;
        this.readyPath = ZnodePaths.child(path, BarrierMembers.READY_NODE);
        this.ourName = UUID.randomUUID().toString();
        this.ourPath = ZnodePaths.child(path, ourName);
        this.memberQty = memberQty;
    }

    /** This participant's node. */
    public String nodePath() {
        return ourPath;
    }

    /** Enters, waiting as long as it takes for {@code memberQty} participants. */
    public void enter() throws InterruptedException {
        enter(Deadline.never());
    }

    /**
     * Enters, waiting at most {@code timeout} for {@code memberQty} participants; false at the
     * timeout, with this participant's node deleted.
     */
    public boolean enter(Duration timeout) throws InterruptedException {
        return enter(Deadline.after(timeout));
    }

    /** Leaves, waiting as long as it takes for every participant to leave. */
    public void leave() throws InterruptedException {
        leave(Deadline.never());
    }

    /** Leaves, waiting at most {@code timeout} for every participant to leave; false at the timeout. */
    public boolean leave(Duration timeout) throws InterruptedException {
        return leave(Deadline.after(timeout));
    }

    private boolean enter(Deadline deadline) throws InterruptedException {
        if (entered) {
            throw new IllegalStateException("this participant already entered the barrier " + path);
        }
        try (Wakeup wakeup = new Wakeup(client)) {
            createOurNode();
            while (true) {
                try {
                    if (blocking.exists(readyPath, wakeup) != null) {
                        entered = true;
                        return true;
                    }
                    List<String> participants = participants();
                    if (!participants.contains(ourName)) {
                        createOurNode();
                        continue;
                    }
                    if (participants.size() >= memberQty) {
                        createReady();
                        entered = true;
                        return true;
                    }
                } catch (WardenException e) {
                    if (!Waits.isTransient(e.code())) {
                        throw e;
                    }
                    // Wait for the connection (the wakeup hears of it) instead of spinning; a closed client ends it.
                    Waits.requireOpen(client);
                }
                if (!wakeup.await(deadline)) {
                    return giveUp();
                }
            }
        }
    }

    private boolean leave(Deadline deadline) throws InterruptedException {
        if (!entered) {
            throw new IllegalStateException("this participant has not entered the barrier " + path);
        }
        entered = false;
        ProtectedCreate.deleteOwn(client, ourPath);
        try (Wakeup wakeup = new Wakeup(client)) {
            while (true) {
                try {
                    List<String> participants = participants();
                    if (participants.isEmpty()) {
                        deleteReady();
                        return true;
                    }
                    if (blocking.exists(ZnodePaths.child(path, participants.get(0)), wakeup) == null) {
                        continue;
                    }
                } catch (WardenException e) {
                    if (!Waits.isTransient(e.code())) {
                        throw e;
                    }
                    // Wait for the connection (the wakeup hears of it) instead of spinning; a closed client ends it.
                    Waits.requireOpen(client);
                }
                if (!wakeup.await(deadline)) {
                    return false;
                }
            }
        }
    }

    /** The participants present now, sorted; none when the barrier node is gone. */
    private List<String> participants() throws InterruptedException {
        try {
            return BarrierMembers.participants(blocking.getChildren(path).names());
        } catch (WardenException e) {
            if (e.code() == ErrorCode.NONODE) {
                return List.of();
            }
            throw e;
        }
    }

    private void createOurNode() throws InterruptedException {
        WardenException last = null;
        for (int attempt = 0; attempt < ATTEMPTS_MAX; attempt++) {
            try {
                blocking.create(ourPath, new byte[0], CreateMode.EPHEMERAL);
                return;
            } catch (WardenException e) {
                last = e;
                if (e.code() == ErrorCode.NODEEXISTS) {
                    return;
                }
                if (e.code() == ErrorCode.NONODE) {
                    blocking.ensureContainers(path);
                } else if (e.code() != ErrorCode.CONNECTIONLOSS) {
                    throw e;
                }
            }
        }
        throw last;
    }

    private void createReady() throws InterruptedException {
        try {
            blocking.create(readyPath, new byte[0], CreateMode.PERSISTENT);
        } catch (WardenException e) {
            if (e.code() != ErrorCode.NODEEXISTS) {
                throw e;
            }
        }
    }

    private void deleteReady() throws InterruptedException {
        try {
            blocking.delete(readyPath, -1);
        } catch (WardenException e) {
            if (e.code() != ErrorCode.NONODE) {
                throw e;
            }
        }
    }

    /** At the deadline: in after all if {@code ready} exists (we were counted), else out, our node deleted. */
    private boolean giveUp() throws InterruptedException {
        try {
            if (blocking.exists(readyPath) != null) {
                entered = true;
                return true;
            }
        } catch (WardenException e) {
            if (e.code() != ErrorCode.CONNECTIONLOSS && e.code() != ErrorCode.SESSIONEXPIRED) {
                throw e;
            }
        }
        ProtectedCreate.deleteOwn(client, ourPath);
        return false;
    }
}
