package io.warden.daemon;

/** Warden's own version. */
final class Version {
    static final String WARDEN = "0.1.0";

    private Version() {
    }
}
