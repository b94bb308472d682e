package io.warden.client;

import io.warden.wire.JuteInput;
import io.warden.wire.RequestHeader;
import io.warden.wire.WireFormatException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Records everything a {@link ClientSession} does, for tests to inspect. */
final class RecordingOutput implements ClientSession.Output {
    record Dial(int connectionId, InetSocketAddress server, long timeoutMs) {
    }

    record Sent(int connectionId, byte[] frame) {
        /** The request header of a request frame (after its length prefix). */
        RequestHeader header() {
            try {
                return RequestHeader.read(body());
            } catch (WireFormatException e) {
                throw new AssertionError(e);
            }
        }

        /** The frame after its length prefix. */
        JuteInput body() {
            return new JuteInput(Arrays.copyOfRange(frame, 4, frame.length));
        }
    }

    record Completion(Call call, Outcome outcome) {
    }

    record Delivered(Set<Watcher> watchers, WatchEvent event) {
    }

    record State(ConnectionState state, long sessionId) {
    }

    final List<Dial> dials = new ArrayList<>();
    final List<Sent> sent = new ArrayList<>();
    final List<Integer> hungUp = new ArrayList<>();
    final List<Completion> completions = new ArrayList<>();
    final List<Delivered> events = new ArrayList<>();
    final List<State> states = new ArrayList<>();
    /** Every completion and state change, in the order the session produced them. */
    final List<Object> sequence = new ArrayList<>();

    @Override
    public void dial(int connectionId, InetSocketAddress server, long timeoutMs) {
        dials.add(new Dial(connectionId, server, timeoutMs));
    }

    @Override
    public void send(int connectionId, byte[] frame) {
        sent.add(new Sent(connectionId, frame));
    }

    @Override
    public void hangUp(int connectionId) {
        hungUp.add(connectionId);
    }

    @Override
    public void completed(Call call, Outcome outcome) {
        completions.add(new Completion(call, outcome));
        sequence.add(completions.get(completions.size() - 1));
        call.whenDone.accept(outcome);
    }

    @Override
    public void watchEvent(Set<Watcher> watchers, WatchEvent event) {
        events.add(new Delivered(watchers, event));
        watchers.forEach(watcher -> watcher.onEvent(event));
    }

    @Override
    public void stateChanged(ConnectionState state, long sessionId) {
        states.add(new State(state, sessionId));
        sequence.add(states.get(states.size() - 1));
    }

    Dial lastDial() {
        return dials.get(dials.size() - 1);
    }

    Sent lastSent() {
        return sent.get(sent.size() - 1);
    }

    List<ConnectionState> stateList() {
        return states.stream().map(State::state).toList();
    }
}
