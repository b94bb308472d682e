package io.warden.cli.shell;

/** What {@code warden shell} was started with: the servers and the session timeout. */
record ShellOptions(String servers, int timeoutMs) {
    ShellOptions {
        if (servers == null || servers.isBlank()) {
            throw new IllegalArgumentException("-server: give host:port[,host:port...]");
        }
        if (timeoutMs <= 0) {
            throw new IllegalArgumentException("-timeout: expected a positive number of ms, got " + timeoutMs);
        }
    }
}
