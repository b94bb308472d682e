package io.warden.daemon.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code conf} four-letter word's output, in ZooKeeper 3.9's order and spelling. */
final class ConfLines {
    /** ZooKeeper keeps its files in this subdirectory of dataDir and dataLogDir ({@code FileTxnSnapLog}). */
    private static final String FILES_SUBDIRECTORY = "version-2";

    private ConfLines() {}

    static List<String> of(ServerConfig c, long dataDirSizeBytes, long dataLogSizeBytes, long serverId) {
        List<String> lines = new ArrayList<>();
        lines.add("clientPort=" + c.clientPort());
        lines.add("secureClientPort=-1");
        lines.add("dataDir=" + filesDirectory(c.dataDir()));
        lines.add("dataDirSize=" + dataDirSizeBytes);
        lines.add("dataLogDir=" + filesDirectory(c.dataLogDir()));
        lines.add("dataLogSize=" + dataLogSizeBytes);
        lines.add("tickTime=" + c.tickTimeMs());
        lines.add("maxClientCnxns=" + c.maxClientCnxns());
        lines.add("minSessionTimeout=" + c.effectiveMinSessionTimeoutMs());
        lines.add("maxSessionTimeout=" + c.effectiveMaxSessionTimeoutMs());
        lines.add("clientPortListenBacklog=" + c.clientPortListenBacklog());
        lines.add("serverId=" + serverId);
        if (!c.standalone()) {
            addQuorumLines(c, serverId, lines);
        }
        return List.copyOf(lines);
    }

    private static void addQuorumLines(ServerConfig c, long serverId, List<String> lines) {
        lines.add("initLimit=" + c.initLimitTicks());
        lines.add("syncLimit=" + c.syncLimitTicks());
        lines.add("electionAlg=" + c.electionAlg());
        Optional<ServerMember> me = c.member(serverId);
        me.ifPresent(m -> {
            lines.add("electionPort=" + m.electionPort());
            lines.add("quorumPort=" + m.peerPort());
        });
        PeerRole role = me.map(ServerMember::role).orElse(c.peerType());
        // ZooKeeper prints the ordinal of its LearnerType: PARTICIPANT=0, OBSERVER=1.
        lines.add("peerType=" + role.ordinal());
        lines.add("membership: ");
        for (ServerMember m : c.members()) {
            lines.add(m.toConfigLine());
        }
        lines.add("version=" + Long.toHexString(configVersion(c.dynamicConfigFile())));
    }

    private static Path filesDirectory(Path dir) {
        return dir.toAbsolutePath().resolve(FILES_SUBDIRECTORY);
    }

    /**
     * ZooKeeper names dynamic files {@code zoo.cfg.dynamic.<hex version>}; the version is the hex
     * number after the last dot, or 0 when there is none.
     */
    static long configVersion(Path dynamicConfigFile) {
        if (dynamicConfigFile == null || dynamicConfigFile.getFileName() == null) {
            return 0;
        }
        String name = dynamicConfigFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot == name.length() - 1) {
            return 0;
        }
        try {
            return Long.parseLong(name.substring(dot + 1), 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
