package io.warden.cli.shell;

import io.warden.wire.Stat;
import java.util.Date;
import java.util.List;

/** A Stat as zkCli prints it: one {@code name = value} line per field, zxids in hex. */
final class StatText {
    private StatText() {
    }

    static List<String> lines(Stat stat) {
        return List.of(
                "cZxid = 0x" + Long.toHexString(stat.czxid()),
                "ctime = " + new Date(stat.ctime()),
                "mZxid = 0x" + Long.toHexString(stat.mzxid()),
                "mtime = " + new Date(stat.mtime()),
                "pZxid = 0x" + Long.toHexString(stat.pzxid()),
                "cversion = " + stat.cversion(),
                "dataVersion = " + stat.version(),
                "aclVersion = " + stat.aversion(),
                "ephemeralOwner = 0x" + Long.toHexString(stat.ephemeralOwner()),
                "dataLength = " + stat.dataLength(),
                "numChildren = " + stat.numChildren());
    }
}
