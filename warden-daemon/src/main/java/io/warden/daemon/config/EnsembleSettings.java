package io.warden.daemon.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The ensemble: {@code peerType}, the {@code server.N}, {@code group.N} and {@code weight.N} lines
 * (from the file, or from the {@code dynamicConfigFile} it names), and ZooKeeper's rules on how
 * many participants a configuration needs.
 */
final class EnsembleSettings {
    private static final String GROUP_PREFIX = "group.";
    private static final String WEIGHT_PREFIX = "weight.";

    private EnsembleSettings() {}

    /** Needs {@code standaloneEnabled}, {@code extendedTypesEnabled} and the limits already read. */
    static void read(SettingSource src, ServerConfigBuilder b) throws ConfigException {
        RawValue secretFile = src.file("warden.sessionSecretFile");
        if (secretFile != null) {
            b.sessionSecretFile = Values.path(secretFile, src.workingDir());
        }
        RawValue peerType = src.file("peerType");
        if (peerType != null) {
            b.peerType = PeerRole.fromConfig(peerType.text());
            if (b.peerType == null) {
                throw peerType.expected("participant or observer");
            }
        }
        SettingSource membersSource = src;
        RawValue dynamic = src.file("dynamicConfigFile");
        if (dynamic != null) {
            b.dynamicConfigFile = Values.path(dynamic, src.workingDir());
            rejectStaticMembers(src);
            membersSource = dynamicSource(src, dynamic, b.dynamicConfigFile);
        }
        readMembers(membersSource, b);
        if (membersSource != src) {
            warnUnused(membersSource);
        }
        checkCounts(src, b);
        if (!src.fileHas("clientPort") && b.members.stream().allMatch(m -> m.clientAddress() == null)) {
            src.warn(src.source() + ": clientPort is not set; ZooKeeper would serve no client port,"
                    + " Warden listens on " + Defaults.CLIENT_PORT);
        }
    }

    /** ZooKeeper refuses ensemble lines in the static file when a dynamic file is named. */
    private static void rejectStaticMembers(SettingSource src) throws ConfigException {
        for (String prefix : List.of(ServerLines.PREFIX, GROUP_PREFIX, WEIGHT_PREFIX)) {
            List<RawValue> misplaced = src.fileWithPrefix(prefix);
            if (!misplaced.isEmpty()) {
                throw misplaced.get(0).error("must be in the dynamic configuration file, since dynamicConfigFile is set");
            }
        }
    }

    private static SettingSource dynamicSource(SettingSource src, RawValue dynamic, Path file)
            throws ConfigException {
        List<String> lines = CfgFiles.readLines(file, dynamic.errorPrefix());
        String name = file.toString();
        SettingSource dynamicSrc = src.forOtherFile(name, PropertiesSyntax.read(lines, name));
        RawValue version = dynamicSrc.file("version");
        if (version != null) {
            throw version.error("a dynamic configuration file must not set the version;"
                    + " ZooKeeper takes it from the file name");
        }
        return dynamicSrc;
    }

    private static void readMembers(SettingSource src, ServerConfigBuilder b) throws ConfigException {
        Map<Long, RawValue> ids = new HashMap<>();
        Map<String, ServerMember> addresses = new HashMap<>();
        for (RawValue v : src.fileWithPrefix(ServerLines.PREFIX)) {
            ServerMember member = ServerLines.parse(v);
            RawValue earlier = ids.putIfAbsent(member.id(), v);
            if (earlier != null) {
                throw v.error("server id " + member.id() + " is already defined by " + earlier.key()
                        + " (" + earlier.warningPrefix() + ")");
            }
            if (b.extendedTypesEnabled && member.id() > Defaults.MAX_EXTENDED_SERVER_ID) {
                throw v.error("extendedTypesEnabled is true, so server ids cannot be larger than "
                        + Defaults.MAX_EXTENDED_SERVER_ID + ", got " + member.id());
            }
            for (int port : new int[] {member.peerPort(), member.electionPort()}) {
                String address = member.host().toLowerCase(Locale.ROOT) + ":" + port;
                ServerMember other = addresses.putIfAbsent(address, member);
                if (other != null) {
                    throw v.error("address " + member.host() + ":" + port + " is already used by server." + other.id());
                }
            }
            b.members.add(member);
        }
        List<RawValue> hierarchy = new java.util.ArrayList<>();
        for (RawValue v : src.fileWithPrefix(GROUP_PREFIX)) {
            b.groups.put(v.key().substring(GROUP_PREFIX.length()), v.text());
            hierarchy.add(v);
        }
        for (RawValue v : src.fileWithPrefix(WEIGHT_PREFIX)) {
            b.weights.put(v.key().substring(WEIGHT_PREFIX.length()), v.text());
            hierarchy.add(v);
        }
        if (!hierarchy.isEmpty()) {
            // Silently counting a plain majority where the operator configured groups would change
            // which failures the ensemble survives without anyone noticing.
            src.warn(hierarchy.get(0).warning("hierarchical quorums (group.N and weight.N) are not supported:"
                    + " Warden ignores these " + hierarchy.size() + " lines and counts a majority of all participants"));
        }
    }

    private static void warnUnused(SettingSource dynamicSrc) {
        for (CfgEntry entry : dynamicSrc.unused()) {
            dynamicSrc.warn(dynamicSrc.source() + " line " + entry.line() + ": key '" + entry.key()
                    + "' has no meaning in a dynamic configuration file (ignored)");
        }
    }

    /**
     * ZooKeeper's rules ({@code QuorumPeerConfig.parseDynamicConfig} and {@code checkValidity}):
     * standalone unless there are two or more participants or {@code standaloneEnabled} is false;
     * observers need a quorum of participants; an ensemble needs initLimit and syncLimit.
     */
    private static void checkCounts(SettingSource src, ServerConfigBuilder b) throws ConfigException {
        long participants = b.members.stream().filter(m -> m.role() == PeerRole.PARTICIPANT).count();
        long observers = b.members.size() - participants;
        if (participants == 0) {
            if (observers > 0) {
                throw src.error("the server.N lines list observers but no participant");
            }
            if (!b.standaloneEnabled) {
                throw src.error("standaloneEnabled is false, so at least one participant server.N line is needed");
            }
            return;
        }
        if (participants == 1 && b.standaloneEnabled) {
            if (observers > 0) {
                throw src.error("observers need at least two participants, or standaloneEnabled=false");
            }
            src.warn(src.source() + ": only one server.N line and standaloneEnabled is true;"
                    + " running standalone, as ZooKeeper does");
            return;
        }
        requireLimit(src, "initLimit", b.initLimitTicks);
        requireLimit(src, "syncLimit", b.syncLimitTicks);
        if (participants <= 2) {
            src.warn(src.source() + ": with " + participants + (participants == 1 ? " participant" : " participants")
                    + " no server failure is tolerated;"
                    + " 3 or more are needed for that");
        } else if (participants % 2 == 0) {
            src.warn(src.source() + ": " + participants + " participants tolerate no more failures than "
                    + (participants - 1) + "; an odd number is recommended");
        }
    }

    private static void requireLimit(SettingSource src, String key, int ticks) throws ConfigException {
        if (ticks > 0) {
            return;
        }
        RawValue v = src.file(key);
        if (v == null) {
            throw src.error(key + " is not set (it is required for an ensemble)");
        }
        throw v.expected("a positive number of ticks for an ensemble");
    }
}
