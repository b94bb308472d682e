package io.warden.tree;

/** ZooKeeper's create flags (CreateMode) and what each one means. */
enum CreateMode {
    PERSISTENT(0, false, false),
    EPHEMERAL(1, true, false),
    PERSISTENT_SEQUENTIAL(2, false, true),
    EPHEMERAL_SEQUENTIAL(3, true, true),
    CONTAINER(4, false, false),
    PERSISTENT_WITH_TTL(5, false, false),
    PERSISTENT_SEQUENTIAL_WITH_TTL(6, false, true);

    final int flags;
    final boolean ephemeral;
    final boolean sequential;

    CreateMode(int flags, boolean ephemeral, boolean sequential) {
        this.flags = flags;
        this.ephemeral = ephemeral;
        this.sequential = sequential;
    }

    boolean isTtl() {
        return this == PERSISTENT_WITH_TTL || this == PERSISTENT_SEQUENTIAL_WITH_TTL;
    }

    boolean isContainer() {
        return this == CONTAINER;
    }

    /** The mode for a flags value, or {@code null} for a value ZooKeeper does not define. */
    static CreateMode of(int flags) {
        CreateMode[] modes = values();
        return flags >= 0 && flags < modes.length ? modes[flags] : null;
    }
}
