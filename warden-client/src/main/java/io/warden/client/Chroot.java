package io.warden.client;

/**
 * The client-side root: paths the application uses are below it on the server. Outgoing paths get
 * the chroot in front ({@code /} is the chroot itself); paths coming back lose it.
 */
final class Chroot {
    static final Chroot NONE = new Chroot("");

    private final String prefix;

    private Chroot(String prefix) {
        this.prefix = prefix;
    }

    /** The chroot of a valid path; {@code /} is no chroot. */
    static Chroot of(String path) {
        return path.equals("/") ? NONE : new Chroot(path);
    }

    boolean isNone() {
        return prefix.isEmpty();
    }

    /** The server path of an application path. */
    String toServer(String clientPath) {
        if (prefix.isEmpty()) {
            return clientPath;
        }
        return clientPath.equals("/") ? prefix : prefix + clientPath;
    }

    /**
     * The application path of a server path; a path outside the chroot is returned unchanged (as
     * ZooKeeper's client does, for instance for {@code /zookeeper/config}).
     */
    String toClient(String serverPath) {
        if (prefix.isEmpty() || serverPath == null || !serverPath.startsWith(prefix)) {
            return serverPath;
        }
        if (serverPath.length() == prefix.length()) {
            return "/";
        }
        return serverPath.charAt(prefix.length()) == '/' ? serverPath.substring(prefix.length()) : serverPath;
    }

    @Override
    public String toString() {
        return prefix.isEmpty() ? "/" : prefix;
    }
}
