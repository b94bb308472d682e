/**
 * One Java record per record of the ZooKeeper 3.9 client protocol ({@code zookeeper.jute}'s
 * {@code proto} records, plus {@code ClientInfo}, the hand-written {@code DeleteContainerRequest},
 * and the multi encodings). Each record writes its fields in wire order with
 * {@code writeTo(JuteOutput)} and is decoded by a static {@code read(JuteInput)}.
 *
 * <p>Records holding {@code byte[]} compare their arrays by content. The arrays are not copied:
 * treat them as immutable once handed to a record. Lists are copied into unmodifiable lists; a
 * {@code null} list stands for a jute null vector. Pure code: no I/O, no threads.
 */
package io.warden.wire.proto;
