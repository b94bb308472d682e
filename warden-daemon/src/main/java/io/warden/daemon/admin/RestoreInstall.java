package io.warden.daemon.admin;

import java.util.concurrent.CompletableFuture;

import io.warden.storage.UploadedSnapshot;

/**
 * A checked snapshot on its way to the driver, which makes it the server's state
 * ({@link #restored}) or says why it could not ({@link #failed}).
 */
public final class RestoreInstall {
    private final UploadedSnapshot snapshot;
    private final CompletableFuture<AdminAnswer> answer = new CompletableFuture<>();

    RestoreInstall(UploadedSnapshot snapshot) {
        this.snapshot = snapshot;
    }

    /** The snapshot, read and checked whole. */
    public UploadedSnapshot snapshot() {
        return snapshot;
    }

    /** The server's state is the snapshot's, durably, at {@code zxid}. */
    public void restored(long zxid) {
        answer.complete(AdminAnswer.of("restore", java.util.Map.of("last_zxid", zxid)));
    }

    /** Nothing changed, for this reason. */
    public void failed(String reason) {
        answer.complete(AdminAnswer.error(500, "restore", reason));
    }

    CompletableFuture<AdminAnswer> answer() {
        return answer;
    }

    @Override
    public String toString() {
        return "RestoreInstall[" + snapshot.nodeCount() + " nodes]";
    }
}
