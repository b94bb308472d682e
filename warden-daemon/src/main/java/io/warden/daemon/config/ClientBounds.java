package io.warden.daemon.config;

/**
 * The bounds on what clients can make a server hold, as configured. Zero means the server derives
 * the bound when it starts (see each parameter).
 *
 * @param maxCnxns                         ZooKeeper's {@code maxCnxns}: connections open at once;
 *                                         0 (the default, "no limit" in ZooKeeper) means the
 *                                         process's open-file limit less a reserve for the
 *                                         server's own files
 * @param handshakeTimeoutMs               {@code warden.handshakeTimeoutMs}: how long a new
 *                                         connection may take to send its first frame
 * @param frameTimeoutMs                   {@code warden.frameTimeoutMs}: how long a connection may
 *                                         stay inside one frame while it is being read
 * @param outstandingBytesPerConnectionMax {@code warden.outstandingBytesPerConnectionMax}: bytes of
 *                                         one connection's requests not done and replies not
 *                                         written; 0 means four times {@code jute.maxbuffer}
 * @param globalOutstandingBytesMax        {@code warden.globalOutstandingBytesMax}: the same for all
 *                                         connections together, and separately the bytes of frames
 *                                         received and not handled yet; 0 means a quarter of the
 *                                         heap, at most 1 GiB
 * @param watchesPerConnectionMax          {@code warden.watchesPerConnectionMax}: watches one
 *                                         connection may hold
 */
public record ClientBounds(int maxCnxns, long handshakeTimeoutMs, long frameTimeoutMs,
        long outstandingBytesPerConnectionMax, long globalOutstandingBytesMax, int watchesPerConnectionMax) {

    /** ZooKeeper closes a connection without a session after about this long. */
    public static final long HANDSHAKE_TIMEOUT_MS_DEFAULT = 10_000;
    public static final long FRAME_TIMEOUT_MS_DEFAULT = 30_000;
    public static final int WATCHES_PER_CONNECTION_MAX_DEFAULT = 100_000;

    public static final ClientBounds DEFAULTS = new ClientBounds(0, HANDSHAKE_TIMEOUT_MS_DEFAULT,
            FRAME_TIMEOUT_MS_DEFAULT, 0, 0, WATCHES_PER_CONNECTION_MAX_DEFAULT);

    static void read(SettingSource src, ServerConfigBuilder b) throws ConfigException {
        RawValue v;
        int maxCnxns = DEFAULTS.maxCnxns;
        long handshakeTimeoutMs = DEFAULTS.handshakeTimeoutMs;
        long frameTimeoutMs = DEFAULTS.frameTimeoutMs;
        long perConnection = DEFAULTS.outstandingBytesPerConnectionMax;
        long global = DEFAULTS.globalOutstandingBytesMax;
        int watches = DEFAULTS.watchesPerConnectionMax;
        if ((v = src.file("maxCnxns")) != null) {
            maxCnxns = Values.intAtLeast(v, 0, "a non-negative integer (0 = as many as open files allow)");
        }
        if ((v = src.file("warden.handshakeTimeoutMs")) != null) {
            handshakeTimeoutMs = Values.longAtLeast(v, 1, "a positive number of milliseconds");
        }
        if ((v = src.file("warden.frameTimeoutMs")) != null) {
            frameTimeoutMs = Values.longAtLeast(v, 1, "a positive number of milliseconds");
        }
        if ((v = src.file("warden.outstandingBytesPerConnectionMax")) != null) {
            perConnection = Values.longAtLeast(v, 0, "a non-negative number of bytes (0 = four times jute.maxbuffer)");
        }
        if ((v = src.file("warden.globalOutstandingBytesMax")) != null) {
            global = Values.longAtLeast(v, 0, "a non-negative number of bytes (0 = a quarter of the heap)");
        }
        if ((v = src.file("warden.watchesPerConnectionMax")) != null) {
            watches = Values.intAtLeast(v, 0, "a non-negative integer");
        }
        b.clientBounds = new ClientBounds(maxCnxns, handshakeTimeoutMs, frameTimeoutMs, perConnection, global,
                watches);
    }
}
