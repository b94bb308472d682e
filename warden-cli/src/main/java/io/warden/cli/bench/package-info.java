/**
 * {@code warden bench}: a load generator that speaks the ZooKeeper client protocol itself (through
 * warden-wire's records), so that Warden and Apache ZooKeeper can be measured side by side with the
 * same client.
 *
 * <p>{@link io.warden.cli.bench.BenchConnection} is a minimal pipelined session: a blocking socket,
 * the handshake, requests with increasing xids answered in FIFO order by one reader thread per
 * connection, and notifications passed to a listener. {@code LoadScenario} drives the write, read and
 * mixed scenarios as closed loops with a bounded number of outstanding requests per client;
 * {@code WatchFanoutScenario} measures how long one change takes to reach every watcher;
 * {@code PopulateScenario} loads many nodes (and deletes them, or keeps them with {@code --keep}) as
 * {@code BulkPhase}s, passes of pipelined requests shared out over the sessions;
 * {@code RestartWaitScenario} polls servers with one {@code ReadinessProbe} each until they serve a
 * population, to time a restart; {@code AvailabilityScenario} writes through Warden's own client
 * (which moves between servers and keeps its session) and reports the longest gap between
 * acknowledged writes, to time a leader's failover. Latencies go into {@code LatencyHistogram}, a log-bucketed
 * recorder, and, second by second, into a {@code Timeline} (each recording thread fills a
 * {@code TimelineRecorder} for its current second; at most {@code Timeline.BUCKETS_MAX} buckets,
 * widened by doubling). {@code TextReport} and {@code JsonReport} print the result;
 * {@code TimelineChart} draws timelines as SVG (for {@code --plot}, and for {@code warden bench
 * plot}, which reads saved JSON back through {@code PlotInput}). Every run is bounded in time, cleans up the {@code /warden-bench} subtree (all but
 * the populate scenario's nodes, which only populate itself deletes) and closes its sessions.
 */
package io.warden.cli.bench;
