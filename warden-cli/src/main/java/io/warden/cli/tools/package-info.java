/**
 * Data tools: {@code warden snapshot dump|verify FILE} and {@code warden log dump|verify FILE} read
 * one of Warden's own data files through warden-storage's readers (a read-only
 * {@link io.warden.cli.tools.SingleFileStore} stands in for the data directory), and
 * {@code warden import-zk} turns an Apache ZooKeeper 3.x data directory into a Warden one. Every
 * failure is one line naming the file and offset, and a non-zero exit status.
 */
package io.warden.cli.tools;
