package io.warden.cli.bench;

import io.warden.wire.OpCode;

/**
 * Which operation a client sends next. Mixed is exactly nine getData to one setData in every ten
 * requests; {@code offset} staggers the clients so that their writes do not all line up.
 */
final class OpMix {
    static final int MIXED_PERIOD = 10;

    private final Scenario scenario;
    private long counter;

    OpMix(Scenario scenario, long offset) {
        if (scenario == Scenario.WATCH_FANOUT || scenario == Scenario.POPULATE) {
            throw new IllegalArgumentException(scenario + " has no operation mix");
        }
        this.scenario = scenario;
        this.counter = offset;
    }

    int next() {
        switch (scenario) {
            case WRITE:
                return OpCode.SET_DATA;
            case READ:
                return OpCode.GET_DATA;
            default:
                return counter++ % MIXED_PERIOD == MIXED_PERIOD - 1 ? OpCode.SET_DATA : OpCode.GET_DATA;
        }
    }
}
