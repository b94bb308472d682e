package io.warden.it.recipes;

import static org.assertj.core.api.Assertions.assertThat;

import io.warden.example.RegistryExample;
import io.warden.it.ServerKind;
import io.warden.it.client.AgainstBothServers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The example application, run to the end against Warden and Apache ZooKeeper. */
class RegistryExampleTest extends AgainstBothServers {

    @ParameterizedTest
    @MethodSource("kinds")
    void theRecipesWorkTogether(ServerKind kind) throws Exception {
        ByteArrayOutputStream narration = new ByteArrayOutputStream();

        RegistryExample.Summary summary = RegistryExample.run(servers.server(kind).connectString(),
                new PrintStream(narration, true, StandardCharsets.UTF_8));

        String output = narration.toString(StandardCharsets.UTF_8);
        assertThat(summary.leaders()).as(output).hasSizeGreaterThanOrEqualTo(2);
        assertThat(summary.leaders().get(1)).as(output).isNotEqualTo(summary.leaders().get(0));
        assertThat(summary.jobRuns()).as(output).isGreaterThanOrEqualTo(7);
        assertThat(summary.finalGreeting()).isEqualTo("hello, world");
        assertThat(summary.usersMoved()).as(output).isPositive();
        assertThat(summary.onlyStoppedInstanceUsersMoved()).as(output).isTrue();
        assertThat(output).contains("greeting changed from \"hello\" to \"hello, world\"");
    }
}
