package io.warden.daemon.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.warden.daemon.config.Endpoint;
import io.warden.daemon.config.PeerRole;
import io.warden.daemon.config.ServerConfig;
import io.warden.daemon.config.ServerMember;
import io.warden.zab.ServerState;
import io.warden.zab.ZabCore;

/**
 * The AdminServer's commands about the ensemble, answered on an ensemble member in ZooKeeper
 * 3.9.3's JSON shapes: {@code leader}, {@code voting_view} and {@code observers}. They read the
 * consensus core (on the driver thread) and the configured members.
 */
final class EnsembleCommands {
    /** ZooKeeper's value for an address it does not know (a client address the member's line does not give). */
    private static final String NO_ADDRESS = "";

    private final Map<Long, ServerMember> members;
    private final Endpoint clientPortAddress;

    /**
     * @param members           the {@code server.N} lines; empty on a standalone server
     * @param clientPortAddress {@code clientPortAddress:clientPort}, the client address of a member
     *                          whose own line names none
     */
    EnsembleCommands(List<ServerMember> members, Endpoint clientPortAddress) {
        Map<Long, ServerMember> byId = new TreeMap<>();
        for (ServerMember member : members) {
            byId.put(member.id(), member);
        }
        this.members = byId;
        this.clientPortAddress = clientPortAddress;
    }

    static EnsembleCommands of(ServerConfig config) {
        return new EnsembleCommands(config.members(), new Endpoint(config.clientPortAddress(), config.clientPort()));
    }

    /** A standalone server's: no members. */
    static EnsembleCommands none() {
        return new EnsembleCommands(List.of(), new Endpoint(null, 0));
    }

    /**
     * {@code leader}: whether this member leads, and its leader's id and host as the leader's
     * {@code server.N} line names it.
     */
    Map<String, Object> leader(ZabCore zab) {
        long leaderId = zab.leaderId();
        ServerMember leader = members.get(leaderId);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("is_leader", zab.state() == ServerState.LEADING);
        report.put("leader_id", leader == null ? -1L : leaderId);
        report.put("leader_ip", leader == null ? NO_ADDRESS : leader.host());
        return report;
    }

    /**
     * {@code voting_view}: the voting members (observers are left out) by id, each with its quorum
     * and election addresses, its client address (empty when its line names none, except for this
     * member, which reports its {@code clientPortAddress:clientPort}) and its learner type.
     */
    Map<String, Object> votingView(long myId) {
        Map<String, Object> config = new LinkedHashMap<>();
        for (ServerMember member : members.values()) {
            if (member.role() == PeerRole.OBSERVER) {
                continue;
            }
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("server_addresses", List.of(new Endpoint(member.host(), member.peerPort()).toString()));
            view.put("election_addresses", List.of(new Endpoint(member.host(), member.electionPort()).toString()));
            view.put("client_address", clientAddress(member, myId));
            view.put("learner_type", member.role().configName());
            config.put(Long.toString(member.id()), view);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("current_config", config);
        return report;
    }

    private String clientAddress(ServerMember member, long myId) {
        if (member.clientAddress() != null) {
            return member.clientAddress().toString();
        }
        return member.id() == myId ? clientPortAddress.toString() : NO_ADDRESS;
    }

    /**
     * {@code observers}: on the leader, its synchronised observers; on any other member none.
     * Warden keeps no per-link packet counts, queue sizes or link start times, so those fields are 0;
     * the socket address is the observer's configured quorum address.
     */
    Map<String, Object> observers(ZabCore zab) {
        List<Object> observers = new ArrayList<>();
        Map<Long, ZabCore.FollowerProgress> byId = new TreeMap<>();
        for (ZabCore.FollowerProgress progress : zab.followerProgress()) {
            byId.put(progress.serverId(), progress);
        }
        for (ZabCore.FollowerProgress progress : byId.values()) {
            if (progress.voter() || !progress.synced()) {
                continue;
            }
            ServerMember member = members.get(progress.serverId());
            Map<String, Object> observer = new LinkedHashMap<>();
            observer.put("remote_socket_address", member == null ? NO_ADDRESS
                    : "/" + new Endpoint(member.host(), member.peerPort()));
            observer.put("sid", progress.serverId());
            observer.put("established", 0L);
            observer.put("queued_packets", 0L);
            observer.put("queued_packets_size", 0L);
            observer.put("packets_received", 0L);
            observer.put("packets_sent", 0L);
            observer.put("requests", 0L);
            observer.put("last_zxid", progress.ackedZxid());
            observers.add(observer);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("synced_observers", observers.size());
        report.put("observers", observers);
        return report;
    }

    @Override
    public String toString() {
        return "EnsembleCommands" + members.keySet();
    }
}
