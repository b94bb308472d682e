package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code warden} launcher script at the repository's root: which JVM options it passes before
 * the user's {@code JVMFLAGS}, and the class-data archive it makes and maps for {@code server}. It
 * runs from a copy beside a placeholder jar (so it builds nothing) with a stand-in {@code java}
 * first on the PATH that prints the arguments it gets, in a JDK directory whose release file says
 * which version it is. Asked to write a class-data archive ({@code -XX:ArchiveClassesAtExit}), the
 * stand-in writes one and says it serves when {@code FAKE_TRAINING=works}, and otherwise fails as
 * a JVM that cannot start would.
 */
class LauncherScriptTest {
    private static final long RUN_WAIT_MS_MAX = 30_000;
    private static final String TRIM = "-XX:TrimNativeHeapInterval=30000";

    @TempDir
    Path dir;
    private Path launcher;
    private Path jdkBin;

    @BeforeEach
    void copyTheLauncherBesideAJar() throws IOException {
        Path script = Path.of("..", "warden").toAbsolutePath().normalize();
        assertThat(script).as("the launcher at the repository's root").exists();
        Path root = Files.createDirectories(dir.resolve("root"));
        launcher = Files.copy(script, root.resolve("warden"), StandardCopyOption.COPY_ATTRIBUTES);
        Path jar = Files.createDirectories(root.resolve("warden-cli/target")).resolve("warden-cli.jar");
        Files.writeString(jar, "placeholder");
        jdkBin = Files.createDirectories(dir.resolve("jdk/bin"));
        Path java = jdkBin.resolve("java");
        Files.writeString(java, String.join("\n", "#!/bin/sh",
                "for a in \"$@\"; do",
                "  case \"$a\" in",
                "    -XX:ArchiveClassesAtExit=*) [ \"$FAKE_TRAINING\" = works ] || exit 1",
                "      echo archive > \"${a#*=}\"; echo 'Warden serving clients on 127.0.0.1:1'; exit 0 ;;",
                "  esac",
                "done",
                "for a in \"$@\"; do echo \"$a\"; done", ""));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void passesTheMemoryLeanDefaultsAndTrimsTheCHeapOnAJdkThatCan() throws Exception {
        jdk("17.0.15");
        assertThat(run(Map.of())).containsSubsequence("-XX:+UseG1GC", "-XX:G1PeriodicGCInterval=30000",
                "-XX:MaxHeapFreeRatio=20", "-XX:MinHeapFreeRatio=5", TRIM, "-jar").endsWith("server");
        jdk("21.0.3");
        assertThat(run(Map.of())).contains(TRIM);
        jdk("25");
        assertThat(run(Map.of())).contains(TRIM);
    }

    @Test
    void leavesOutTheTrimmingWhereTheJdkLacksItOrItsVersionIsUnknown() throws Exception {
        for (String version : List.of("17.0.8", "17.0.10", "21.0.2", "22", "19.0.2", "")) {
            jdk(version);
            List<String> args = run(Map.of());
            assertThat(args).as("JDK %s", version).doesNotContain(TRIM).contains("-XX:MaxHeapFreeRatio=20");
        }
        Files.deleteIfExists(dir.resolve("jdk/release"));
        assertThat(run(Map.of())).doesNotContain(TRIM).contains("-XX:+UseG1GC");
    }

    @Test
    void givesWayToWhatJvmflagsChooses() throws Exception {
        jdk("17.0.15");
        assertThat(run(Map.of("JVMFLAGS", "-Xmx1g -XX:+UseParallelGC")))
                .doesNotContain("-XX:+UseG1GC", "-XX:G1PeriodicGCInterval=30000")
                .containsSubsequence("-XX:MaxHeapFreeRatio=20", TRIM, "-Xmx1g", "-XX:+UseParallelGC", "-jar");
        assertThat(run(Map.of("JVMFLAGS", "-XX:MinHeapFreeRatio=40")))
                .doesNotContain("-XX:MaxHeapFreeRatio=20", "-XX:MinHeapFreeRatio=5")
                .contains("-XX:+UseG1GC", "-XX:MinHeapFreeRatio=40");
        assertThat(run(Map.of("JVMFLAGS", "-XX:TrimNativeHeapInterval=5000")))
                .doesNotContain(TRIM).contains("-XX:TrimNativeHeapInterval=5000");
        assertThat(run(Map.of("WARDEN_DEFAULT_JVMFLAGS", "")))
                .first().isEqualTo("-jar");
    }

    @Test
    void aServerStartMakesTheClassDataArchiveOnceAndMapsIt() throws Exception {
        jdk("17.0.15");
        Path archive = launcher.getParent().resolve("warden-cli/target/warden-cli.jsa");
        Launch first = launch(Map.of("FAKE_TRAINING", "works"), "server");
        assertThat(first.errors()).contains("making the class-data archive");
        assertThat(archive).exists();
        assertThat(first.args()).contains("-XX:SharedArchiveFile=" + archive);

        Launch second = launch(Map.of("FAKE_TRAINING", "works"), "server");
        assertThat(second.errors()).doesNotContain("making the class-data archive");
        assertThat(second.args()).contains("-XX:SharedArchiveFile=" + archive);

        // a rebuilt jar makes the archive stale: it is made again
        Path jar = launcher.getParent().resolve("warden-cli/target/warden-cli.jar");
        Files.setLastModifiedTime(jar, java.nio.file.attribute.FileTime.fromMillis(
                Files.getLastModifiedTime(archive).toMillis() + 10_000));
        assertThat(launch(Map.of("FAKE_TRAINING", "works"), "server").errors())
                .contains("making the class-data archive");
    }

    @Test
    void aTrainingThatFailsLeavesNoArchiveAndIsNotTriedAgainUntilTheJarChanges() throws Exception {
        jdk("17.0.15");
        Path target = launcher.getParent().resolve("warden-cli/target");
        Launch first = launch(Map.of(), "server");
        assertThat(first.errors()).contains("making the class-data archive");
        assertThat(first.args()).noneMatch(arg -> arg.contains("SharedArchiveFile"));
        assertThat(target.resolve("warden-cli.jsa")).doesNotExist();
        assertThat(target.resolve("warden-cli.jsa.failed")).exists();
        try (var left = Files.list(target)) {
            assertThat(left).as("nothing half-made left behind").allMatch(
                    file -> file.getFileName().toString().matches("warden-cli\\.(jar|jsa\\.failed)"));
        }

        Launch second = launch(Map.of(), "server");
        assertThat(second.errors()).doesNotContain("making the class-data archive");
        assertThat(second.args()).noneMatch(arg -> arg.contains("SharedArchiveFile"));
    }

    @Test
    void noArchiveWhenSwitchedOffWhenJvmflagsShareClassesThemselvesOrForOtherCommands() throws Exception {
        jdk("17.0.15");
        for (Map<String, String> environment : List.of(Map.of("WARDEN_CDS", "off", "FAKE_TRAINING", "works"),
                Map.of("JVMFLAGS", "-Xshare:off", "FAKE_TRAINING", "works"),
                Map.of("JVMFLAGS", "-XX:SharedArchiveFile=/mine.jsa", "FAKE_TRAINING", "works"))) {
            Launch launch = launch(environment, "server");
            assertThat(launch.errors()).as("%s", environment).doesNotContain("making the class-data archive");
            assertThat(launch.args()).as("%s", environment)
                    .noneMatch(arg -> arg.contains("warden-cli.jsa"));
        }
        Launch shell = launch(Map.of("FAKE_TRAINING", "works"), "shell");
        assertThat(shell.errors()).doesNotContain("making the class-data archive");
        assertThat(shell.args()).noneMatch(arg -> arg.contains("SharedArchiveFile")).endsWith("shell");
        assertThat(launcher.getParent().resolve("warden-cli/target/warden-cli.jsa")).doesNotExist();
    }

    private void jdk(String version) throws IOException {
        Files.writeString(dir.resolve("jdk/release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
    }

    /** The arguments the launcher gives java for {@code ./warden server}, with no class-data archive. */
    private List<String> run(Map<String, String> environment) throws Exception {
        Map<String, String> withoutArchive = new java.util.HashMap<>(environment);
        withoutArchive.putIfAbsent("WARDEN_CDS", "off");
        return launch(withoutArchive, "server").args();
    }

    /** What java got from one launch, and what the launcher said on standard error. */
    private record Launch(List<String> args, String errors) {
    }

    private Launch launch(Map<String, String> environment, String command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", launcher.toString(), command);
        builder.environment().remove("JVMFLAGS");
        builder.environment().remove("WARDEN_DEFAULT_JVMFLAGS");
        builder.environment().remove("WARDEN_CDS");
        builder.environment().putAll(environment);
        builder.environment().put("PATH", jdkBin + ":" + System.getenv("PATH"));
        Path errors = dir.resolve("stderr.txt");
        builder.redirectError(errors.toFile());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(RUN_WAIT_MS_MAX, TimeUnit.MILLISECONDS)).as("the launcher finished").isTrue();
        String printed = new String(output, StandardCharsets.UTF_8);
        String said = Files.readString(errors);
        assertThat(process.exitValue()).as(printed + said).isZero();
        List<String> args = Arrays.asList(printed.strip().split("\n"));
        assertThat(args).as("ends with the jar and the command").endsWith("-jar",
                launcher.getParent().resolve("warden-cli/target/warden-cli.jar").toString(), command);
        return new Launch(args, said);
    }
}
