/**
 * JMH micro-benchmarks of the tree, the snapshot format, the jute codec and the transaction log.
 * They use only the modules' public interfaces ({@code DataTree.apply} and its reads,
 * {@code TreeSnapshot}, {@code SnapshotBytes}, {@code TxnLogWriter}, the wire records and
 * {@code Frames}), so that they survive changes to the insides. Build and run with
 * {@code ./mvnw -q -pl warden-jmh -am package -DskipTests && java -jar warden-jmh/target/warden-jmh.jar [regex]}.
 */
package io.warden.jmh;
