package io.warden.daemon.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.warden.common.Zxid;
import io.warden.daemon.config.ServerMember;
import io.warden.server.ConsoleReads;
import io.warden.zab.ServerState;
import io.warden.zab.ZabCore;

/**
 * The ensemble as the server that answers knows it. A leader knows each follower's and
 * observer's last acknowledged zxid, so it reports their lag (transactions behind its own log, in
 * the same epoch); a follower knows its leader and its own zxids; a standalone server only itself.
 * The answer names the server that answered ({@code answeredBy}), so the page can say whose view
 * it shows.
 */
final class EnsembleView {
    private final Map<Long, ServerMember> members;

    /** @param members the configured members ({@code server.N} lines), empty for a standalone server */
    EnsembleView(List<ServerMember> members) {
        Map<Long, ServerMember> byId = new TreeMap<>();
        for (ServerMember member : members) {
            byId.put(member.id(), member);
        }
        this.members = Map.copyOf(byId);
    }

    Map<String, Object> read(ConsoleCall.DriverState state) {
        ConsoleReads reads = ConsoleReads.of(state.core());
        Map<String, Object> answer = new LinkedHashMap<>();
        ZabCore zab = state.zab();
        if (zab == null) {
            answer.put("answeredBy", "standalone");
            answer.put("role", "standalone");
            answer.put("lastZxid", reads.lastZxid());
            Map<String, Object> self = new LinkedHashMap<>();
            self.put("id", "standalone");
            self.put("self", true);
            self.put("type", "standalone");
            self.put("role", "standalone");
            self.put("lastZxid", reads.lastZxid());
            answer.put("members", List.of(self));
            return answer;
        }
        long me = zab.myId();
        answer.put("answeredBy", me);
        answer.put("role", role(zab.state()));
        answer.put("serving", zab.isUpToDate());
        answer.put("leader", zab.leaderId() == 0 ? null : zab.leaderId());
        answer.put("epoch", zab.currentEpoch());
        answer.put("lastZxid", Zxid.toHex(zab.lastZxid()));
        answer.put("committedZxid", Zxid.toHex(zab.committedZxid()));
        answer.put("appliedZxid", reads.lastZxid());
        Map<Long, ZabCore.FollowerProgress> progress = new TreeMap<>();
        for (ZabCore.FollowerProgress p : zab.followerProgress()) {
            progress.put(p.serverId(), p);
        }
        List<Object> list = new ArrayList<>();
        for (ServerMember member : members.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            long id = member.id();
            m.put("id", id);
            m.put("self", id == me);
            m.put("address", member.host() + ":" + member.peerPort() + ":" + member.electionPort());
            m.put("type", zab.config().observers().contains(id) ? "observer" : "participant");
            if (id == me) {
                m.put("role", role(zab.state()));
                m.put("lastZxid", Zxid.toHex(zab.lastZxid()));
            } else if (id == zab.leaderId()) {
                m.put("role", "leader");
            } else if (zab.state() == ServerState.LEADING) {
                ZabCore.FollowerProgress p = progress.get(id);
                if (p == null) {
                    m.put("role", "not connected");
                } else {
                    m.put("role", p.voter() ? "follower" : "observer");
                    m.put("synced", p.synced());
                    if (p.ackedZxid() >= 0) {
                        m.put("lastZxid", Zxid.toHex(p.ackedZxid()));
                        m.put("lag", lag(zab.lastZxid(), p.ackedZxid()));
                    }
                }
            } else {
                m.put("role", "unknown here");
            }
            list.add(m);
        }
        answer.put("members", list);
        return answer;
    }

    /** Transactions behind, when both zxids are of one epoch; null across epochs (not countable from zxids). */
    static Long lag(long leaderZxid, long followerZxid) {
        if (Zxid.epoch(leaderZxid) != Zxid.epoch(followerZxid)) {
            return null;
        }
        return Math.max(0, Zxid.counter(leaderZxid) - Zxid.counter(followerZxid));
    }

    private static String role(ServerState state) {
        return switch (state) {
            case LEADING -> "leader";
            case FOLLOWING -> "follower";
            case OBSERVING -> "observer";
            case LOOKING -> "looking";
        };
    }
}
