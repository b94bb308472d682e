package io.warden.server;

import io.warden.wire.ErrorCode;

/**
 * Where a superuser's transferLeadership request (a Warden extension) goes: the consensus side
 * of an ensemble member. It answers at once whether the hand-over started ({@code OK}) or why
 * not; the hand-over itself happens after the step.
 */
@FunctionalInterface
public interface LeadershipTransfers {
    ErrorCode transferTo(long serverId);
}
