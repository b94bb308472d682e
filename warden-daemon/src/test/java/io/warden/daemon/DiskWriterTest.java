package io.warden.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.warden.storage.DirectoryFileStore;
import io.warden.storage.FileStore;
import io.warden.storage.TxnLogWriter;
import io.warden.tree.Txn;
import io.warden.tree.TxnOp;

/** The disk thread acknowledges only what it stored, and a failing disk stops acknowledgements. */
class DiskWriterTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static Txn txn(long zxid) {
        return new Txn(zxid, 1_700_000_000_000L, 7, (int) zxid, List.of(), new TxnOp.CreateSession(7, 30_000));
    }

    @Test
    void writesAreReportedDurableInOrder() throws Exception {
        FileStore store = new DirectoryFileStore(dir);
        AtomicInteger wakeUps = new AtomicInteger();
        DiskWriter<Txn> disk = DiskWriter.forTransactions(new TxnLogWriter(store, 4096, 1 << 20, true, 1 << 20, 0), 100, 0,
                wakeUps::incrementAndGet, cause -> { });
        disk.start();
        try {
            for (long zxid = 1; zxid <= 50; zxid++) {
                disk.append(txn(zxid));
            }
            await().atMost(WAIT).until(() -> disk.durableId() == 50);
            assertThat(wakeUps.get()).isPositive();
        } finally {
            disk.close();
        }
    }

    @Test
    void aFailingDiskStopsAcknowledgingAndReportsTheFailure() throws Exception {
        FileStore failing = new FailingStore(new DirectoryFileStore(dir));
        AtomicBoolean failed = new AtomicBoolean();
        DiskWriter<Txn> disk = DiskWriter.forTransactions(new TxnLogWriter(failing, 4096, 1 << 20, true, 1 << 20, 0), 100, 0,
                () -> { }, cause -> failed.set(true));
        disk.start();
        try {
            disk.append(txn(1));
            await().atMost(WAIT).untilTrue(failed);
            assertThat(disk.durableId()).as("nothing acknowledged").isZero();
            assertThat(disk.failed()).isTrue();
            assertThatThrownBy(() -> disk.append(txn(2))).as("a stopped disk is never waited for")
                    .isInstanceOf(DiskWriter.DiskFailedException.class);
        } finally {
            disk.close();
        }
    }

    @Test
    void proposingNeverWaitsForADiskThreadThatStopped() throws Exception {
        FileStore failing = new FailingStore(new DirectoryFileStore(dir));
        AtomicBoolean failed = new AtomicBoolean();
        DiskWriter<Txn> disk = DiskWriter.forTransactions(new TxnLogWriter(failing, 4096, 1 << 20, true, 1 << 20, 0), 1, 0,
                () -> { }, cause -> failed.set(true));
        disk.start();
        try {
            disk.append(txn(1));
            await().atMost(WAIT).untilTrue(failed);
            java.util.concurrent.CompletableFuture<Throwable> appending = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> {
                        try {
                            for (long zxid = 2; zxid < 10; zxid++) {
                                disk.append(txn(zxid));
                            }
                            return null;
                        } catch (RuntimeException e) {
                            return e;
                        }
                    });
            await().atMost(WAIT).until(appending::isDone);
            assertThat(appending.get()).isInstanceOf(DiskWriter.DiskFailedException.class);
        } finally {
            disk.close();
        }
    }

    /** A disk that is full: every write fails. */
    private static final class FailingStore implements FileStore {
        private final FileStore inner;

        FailingStore(FileStore inner) {
            this.inner = inner;
        }

        @Override
        public String describe(String name) {
            return inner.describe(name);
        }

        @Override
        public List<String> list() throws IOException {
            return inner.list();
        }

        @Override
        public long size(String name) throws IOException {
            return inner.size(name);
        }

        @Override
        public byte[] readAll(String name) throws IOException {
            return inner.readAll(name);
        }

        @Override
        public InputStream openRead(String name) throws IOException {
            return inner.openRead(name);
        }

        @Override
        public AppendFile create(String name) throws IOException {
            AppendFile file = inner.create(name);
            return new AppendFile() {
                @Override
                public long position() {
                    return file.position();
                }

                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    throw new IOException("No space left on device");
                }

                @Override
                public void force() throws IOException {
                    file.force();
                }

                @Override
                public void preallocate(long size) throws IOException {
                    throw new IOException("No space left on device");
                }

                @Override
                public void close() throws IOException {
                    file.close();
                }
            };
        }

        @Override
        public boolean makePrivate(String name) throws IOException {
            return inner.makePrivate(name);
        }

        @Override
        public void rename(String from, String to) throws IOException {
            inner.rename(from, to);
        }

        @Override
        public void delete(String name) throws IOException {
            inner.delete(name);
        }

        @Override
        public void truncate(String name, long size) throws IOException {
            inner.truncate(name, size);
        }

        @Override
        public void syncDirectory() throws IOException {
            inner.syncDirectory();
        }
    }
}
