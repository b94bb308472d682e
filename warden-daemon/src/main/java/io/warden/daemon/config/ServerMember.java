package io.warden.daemon.config;

import java.util.Objects;

/**
 * One {@code server.N=host:peerPort:electionPort[:participant|observer][;[clientHost:]clientPort]}
 * line of the ensemble.
 *
 * @param id the server id {@code N}, the number in that server's {@code myid} file
 * @param host the host the other members reach this one at
 * @param peerPort the port followers use to connect to the leader (the first port)
 * @param electionPort the port used for leader election (the second port)
 * @param role participant (votes) or observer
 * @param clientAddress where this member serves clients, or {@code null} when the line has no
 *     {@code ;client} part (then {@code clientPort}/{@code clientPortAddress} apply)
 */
public record ServerMember(
        long id, String host, int peerPort, int electionPort, PeerRole role, Endpoint clientAddress) {

    public ServerMember {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(role, "role");
    }

    /** The line as ZooKeeper prints it in its membership list, e.g. {@code server.1=zk1:2888:3888:participant;0.0.0.0:2181}. */
    public String toConfigLine() {
        String shownHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        StringBuilder line = new StringBuilder()
                .append("server.").append(id).append('=')
                .append(shownHost).append(':').append(peerPort).append(':').append(electionPort)
                .append(':').append(role.configName());
        if (clientAddress != null) {
            line.append(';').append(clientAddress);
        }
        return line.toString();
    }
}
