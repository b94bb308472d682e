package io.warden.cli.tools;

import picocli.CommandLine.Option;

/**
 * The size bound the data tools read with: the one a server started with the same
 * {@code jute.maxbuffer} uses, so that a file the server accepts is accepted here too.
 */
final class ToolLimits {
    static final int JUTE_MAXBUFFER_DEFAULT = 0xFFFFF;

    @Option(names = "--jute-maxbuffer", paramLabel = "BYTES", defaultValue = "" + JUTE_MAXBUFFER_DEFAULT,
            description = "the server's jute.maxbuffer, which bounds record sizes (default: ${DEFAULT-VALUE})")
    int juteMaxBufferBytes = JUTE_MAXBUFFER_DEFAULT;

    /** As the server computes it: four times jute.maxbuffer, and at least 4 MiB. */
    int recordBytesMax() {
        return (int) Math.min(Integer.MAX_VALUE - 1024, 4L * Math.max(juteMaxBufferBytes, 1 << 20));
    }
}
