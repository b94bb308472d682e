package io.warden.wire;

/** The xids with a special meaning. */
public final class Xids {
    public static final int NOTIFICATION = -1;
    public static final int PING = -2;
    public static final int AUTH = -4;
    public static final int SET_WATCHES = -8;

    private Xids() {
    }
}
