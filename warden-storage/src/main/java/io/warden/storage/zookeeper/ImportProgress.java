package io.warden.storage.zookeeper;

/** Told, from time to time, how far an import has come. */
@FunctionalInterface
public interface ImportProgress {
    ImportProgress NONE = (nodes, transactions, bytesRead, bytesTotal) -> {
    };

    /**
     * @param nodes        nodes read from the ZooKeeper snapshot so far
     * @param transactions ZooKeeper transactions applied after it so far
     * @param bytesRead    bytes of the chosen files read so far
     * @param bytesTotal   bytes of the chosen files in all (it grows if a snapshot must be skipped)
     */
    void update(long nodes, long transactions, long bytesRead, long bytesTotal);
}
