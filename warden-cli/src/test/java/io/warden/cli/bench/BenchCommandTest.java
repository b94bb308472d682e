package io.warden.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class BenchCommandTest {
    private static BenchSettings parse(String... args) {
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    @Test
    void defaultsAreAShortTimedWriteRunOnTheLocalDefaultPort() {
        BenchSettings settings = parse();

        assertThat(settings.servers()).containsExactly(new ServerAddress("127.0.0.1", 2181));
        assertThat(settings.scenario()).isEqualTo(Scenario.WRITE);
        assertThat(settings.clients()).isEqualTo(4);
        assertThat(settings.pipeline()).isEqualTo(1);
        assertThat(settings.timed()).isTrue();
        assertThat(settings.durationSeconds()).isEqualTo(10);
        assertThat(settings.operations()).isZero();
        assertThat(settings.dataBytes()).isEqualTo(100);
        assertThat(settings.watchers()).isEqualTo(10);
        assertThat(settings.warmupSeconds()).isEqualTo(2);
        assertThat(settings.label()).isEmpty();
        assertThat(settings.json()).isFalse();
    }

    @Test
    void everyOptionIsRead() {
        BenchSettings settings = parse("--servers", "127.0.0.1:2182, localhost:2183", "--scenario", "watch-fanout",
                "--clients", "8", "--pipeline", "16", "--operations", "5000", "--data-bytes", "1024",
                "--watchers", "50", "--warmup-seconds", "0", "--time-limit-seconds", "30", "--label", "zookeeper",
                "--json");

        assertThat(settings.servers()).containsExactly(new ServerAddress("127.0.0.1", 2182),
                new ServerAddress("localhost", 2183));
        assertThat(settings.scenario()).isEqualTo(Scenario.WATCH_FANOUT);
        assertThat(settings.clients()).isEqualTo(8);
        assertThat(settings.pipeline()).isEqualTo(16);
        assertThat(settings.timed()).isFalse();
        assertThat(settings.operations()).isEqualTo(5000);
        assertThat(settings.durationSeconds()).isZero();
        assertThat(settings.dataBytes()).isEqualTo(1024);
        assertThat(settings.watchers()).isEqualTo(50);
        assertThat(settings.warmupSeconds()).isZero();
        assertThat(settings.timeLimitSeconds()).isEqualTo(30);
        assertThat(settings.label()).isEqualTo("zookeeper");
        assertThat(settings.json()).isTrue();
        assertThat(settings.sessions()).isEqualTo(51);
    }

    @Test
    void scenariosAreNamedAsOnTheCommandLine() {
        assertThat(parse("--scenario", "read").scenario()).isEqualTo(Scenario.READ);
        assertThat(parse("--scenario", "mixed").scenario()).isEqualTo(Scenario.MIXED);
        assertThat(parse("--scenario", "WRITE").scenario()).isEqualTo(Scenario.WRITE);
        assertThatThrownBy(() -> parse("--scenario", "writes"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("write, read, mixed, watch-fanout, populate");
        assertThat(parse("--scenario", "populate").scenario()).isEqualTo(Scenario.POPULATE);
    }

    @Test
    void populateIsBoundedByItsNodeCountAndPipelinesByDefault() {
        BenchSettings settings = parse("--scenario", "populate", "--nodes", "1000000", "--fanout", "500", "--keep",
                "--clients", "2");

        assertThat(settings.scenario()).isEqualTo(Scenario.POPULATE);
        assertThat(settings.nodes()).isEqualTo(1_000_000);
        assertThat(settings.fanout()).isEqualTo(500);
        assertThat(settings.keep()).isTrue();
        assertThat(settings.pipeline()).isEqualTo(BenchCommand.DEFAULT_POPULATE_PIPELINE);
        assertThat(settings.timed()).isFalse();
        assertThat(settings.durationSeconds()).isZero();
        assertThat(settings.operations()).isZero();
        assertThat(settings.sessions()).isEqualTo(2);

        BenchSettings defaults = parse("--scenario", "populate", "--pipeline", "7");
        assertThat(defaults.nodes()).isEqualTo(BenchSettings.NODES_DEFAULT);
        assertThat(defaults.fanout()).isEqualTo(BenchSettings.FANOUT_DEFAULT);
        assertThat(defaults.keep()).isFalse();
        assertThat(defaults.pipeline()).isEqualTo(7);
        assertThat(parse("--scenario", "populate", "--fanout", "0").fanout()).isZero();
    }

    @Test
    void populateOptionsAndBoundsAreChecked() {
        assertThatThrownBy(() -> parse("--nodes", "10"))
                .hasMessageContaining("populate and restart-wait scenarios only");
        assertThatThrownBy(() -> parse("--scenario", "read", "--keep")).hasMessageContaining("populate scenario only");
        assertThatThrownBy(() -> parse("--scenario", "populate", "--duration-seconds", "5"))
                .hasMessageContaining("--duration-seconds");
        assertThatThrownBy(() -> parse("--scenario", "populate", "--duration-seconds", "0"))
                .hasMessageContaining("--duration-seconds");
        assertThatThrownBy(() -> parse("--scenario", "populate", "--operations", "5"))
                .hasMessageContaining("--operations");
        assertThatThrownBy(() -> parse("--scenario", "populate", "--nodes", "0")).hasMessageContaining("--nodes");
        assertThatThrownBy(() -> parse("--scenario", "populate", "--fanout", "-1")).hasMessageContaining("--fanout");
        assertThatThrownBy(() -> parse("--scenario", "populate", "--fanout", "1000001"))
                .hasMessageContaining("--fanout");
    }

    @Test
    void aDurationIsTheDefaultBoundAndExcludesAnOperationCount() {
        assertThat(parse("--duration-seconds", "15").durationSeconds()).isEqualTo(15);
        assertThatThrownBy(() -> parse("--duration-seconds", "15", "--operations", "10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> parse("--operations", "0")).hasMessageContaining("--operations");
        assertThatThrownBy(() -> parse("--duration-seconds", "0")).hasMessageContaining("--duration-seconds");
    }

    @Test
    void boundsAreChecked() {
        assertThatThrownBy(() -> parse("--clients", "0")).hasMessageContaining("--clients");
        assertThatThrownBy(() -> parse("--clients", "1001")).hasMessageContaining("--clients");
        assertThatThrownBy(() -> parse("--pipeline", "0")).hasMessageContaining("--pipeline");
        assertThatThrownBy(() -> parse("--data-bytes", "-1")).hasMessageContaining("--data-bytes");
        assertThatThrownBy(() -> parse("--data-bytes", "2000000")).hasMessageContaining("--data-bytes");
        assertThatThrownBy(() -> parse("--watchers", "0")).hasMessageContaining("--watchers");
        assertThatThrownBy(() -> parse("--warmup-seconds", "-1")).hasMessageContaining("--warmup-seconds");
        assertThatThrownBy(() -> parse("--duration-seconds", "100000")).hasMessageContaining("--duration-seconds");
    }

    @Test
    void badServersAreRejected() {
        assertThatThrownBy(() -> parse("--servers", "127.0.0.1")).hasMessageContaining("host:port");
        assertThatThrownBy(() -> parse("--servers", "127.0.0.1:x")).hasMessageContaining("port");
        assertThatThrownBy(() -> parse("--servers", "127.0.0.1:70000")).hasMessageContaining("port");
        assertThatThrownBy(() -> parse("--servers", "")).hasMessageContaining("no server");
    }

    @Test
    void aUsageErrorExitsWithTwoAndSaysWhy() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs("--clients", "0");

        int status = command.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("warden bench: --clients");
    }

    @Test
    void anUnreachableServerExitsWithOne() throws Exception {
        int freePort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs("--servers", "127.0.0.1:" + freePort, "--operations", "1");

        int status = command.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot connect to 127.0.0.1:" + freePort);
    }

    @Test
    void theCommandIsRegisteredAsBench() {
        CommandLine line = new CommandLine(new io.warden.cli.bench.BenchCommand());
        assertThat(line.getCommandName()).isEqualTo("bench");
        assertThat(line.getCommandSpec().optionsMap()).containsKeys("--servers", "--scenario", "--clients",
                "--duration-seconds", "--operations", "--data-bytes", "--watchers", "--warmup-seconds", "--label",
                "--json", "--pipeline", "--nodes", "--fanout", "--keep", "--time-limit-seconds");
    }

    @Test
    void restartWaitIsBoundedByTheTimeLimitAndWaitsForNoPopulationUnlessTold() {
        BenchSettings bare = parse("--scenario", "restart-wait");
        assertThat(bare.scenario()).isEqualTo(Scenario.RESTART_WAIT);
        assertThat(bare.timed()).isFalse();
        assertThat(bare.nodes()).isZero();
        assertThat(bare.pollIntervalMs()).isEqualTo(BenchSettings.POLL_INTERVAL_MS_DEFAULT);
        assertThat(bare.timeLimitSeconds()).isEqualTo(300);

        BenchSettings populated = parse("--scenario", "restart-wait", "--nodes", "1000000", "--fanout", "500",
                "--poll-interval-ms", "10", "--time-limit-seconds", "120");
        assertThat(populated.nodes()).isEqualTo(1_000_000);
        assertThat(populated.fanout()).isEqualTo(500);
        assertThat(populated.pollIntervalMs()).isEqualTo(10);
        assertThat(populated.timeLimitSeconds()).isEqualTo(120);

        assertThatThrownBy(() -> parse("--scenario", "restart-wait", "--duration-seconds", "5"))
                .hasMessageContaining("--time-limit-seconds");
        assertThatThrownBy(() -> parse("--scenario", "restart-wait", "--keep")).hasMessageContaining("--keep");
        assertThatThrownBy(() -> parse("--scenario", "restart-wait", "--poll-interval-ms", "0"))
                .hasMessageContaining("--poll-interval-ms");
        assertThatThrownBy(() -> parse("--poll-interval-ms", "10")).hasMessageContaining("restart-wait scenario only");
    }

    @Test
    void plotOptionsAreChecked() {
        assertThatThrownBy(() -> parse("--latency-axis", "cubic")).hasMessageContaining("log or linear");
        assertThatThrownBy(() -> parse("--scenario", "restart-wait", "--plot", "x.svg"))
                .hasMessageContaining("restart-wait has no timeline");
        BenchCommand command = new BenchCommand();
        new CommandLine(command).parseArgs("--plot", "x.svg", "--latency-axis", "LINEAR", "--pid", "12,34");
        assertThat(command.latencyAxis()).isEqualTo(TimelineChart.LatencyAxis.LINEAR);
        assertThat(command.pids).containsExactly(12L, 34L);
    }
}
