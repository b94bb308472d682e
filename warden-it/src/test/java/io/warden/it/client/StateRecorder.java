package io.warden.it.client;

import io.warden.client.ConnectionState;
import io.warden.client.ConnectionStateListener;
import io.warden.client.WardenClient;
import io.warden.it.TestClient;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;

/** Records a client's connection states in the order they are reported, and waits for them. */
public final class StateRecorder implements ConnectionStateListener {
    public final List<ConnectionState> states = new CopyOnWriteArrayList<>();

    /** A recorder listening to {@code client} from now on. */
    public static StateRecorder of(WardenClient client) {
        StateRecorder recorder = new StateRecorder();
        client.addConnectionStateListener(recorder);
        return recorder;
    }

    @Override
    public void stateChanged(ConnectionState state, long sessionId) {
        states.add(state);
    }

    /** Waits (bounded) until {@code state} was reported at least once. */
    public void await(ConnectionState state) {
        Awaitility.await("state " + state).atMost(TestClient.WAIT).until(() -> states.contains(state));
    }

    /** Waits (bounded) for {@code state} to be reported more often than {@code seenBefore} times. */
    public void awaitAnother(ConnectionState state, int seenBefore) {
        Awaitility.await("another " + state).atMost(TestClient.WAIT).until(() -> count(state) > seenBefore);
    }

    public int count(ConnectionState state) {
        return (int) states.stream().filter(state::equals).count();
    }
}
