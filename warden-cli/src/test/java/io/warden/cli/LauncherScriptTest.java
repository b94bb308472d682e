package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code warden} launcher script at the repository's root: which JVM options it passes before
 * the user's {@code JVMFLAGS}, and the class-data archive it makes and maps for {@code server}. It
 * runs from a copy beside a placeholder jar (so it builds nothing), in a directory whose name has
 * a space, with a stand-in {@code java} first on the PATH that prints the arguments it gets, in a
 * JDK directory whose release file says which version it is. Asked to write a class-data archive
 * ({@code -XX:ArchiveClassesAtExit}), the stand-in records the options it got, writes one and says
 * it serves when {@code FAKE_TRAINING=works}, and otherwise fails as a JVM that cannot start would;
 * with {@code -Xshare:on} it runs only when the archive named is one it wrote.
 */
class LauncherScriptTest {
    private static final long RUN_WAIT_MS_MAX = 30_000;
    private static final String TRIM = "-XX:TrimNativeHeapInterval=30000";
    private static final String MAKING = "making the class-data archive";

    @TempDir
    Path dir;
    private Path launcher;
    private Path target;
    private Path jdkBin;

    @BeforeEach
    void copyTheLauncherBesideAJar() throws IOException {
        Path script = Path.of("..", "warden").toAbsolutePath().normalize();
        assertThat(script).as("the launcher at the repository's root").exists();
        Path root = Files.createDirectories(dir.resolve("a root"));
        launcher = Files.copy(script, root.resolve("warden"), StandardCopyOption.COPY_ATTRIBUTES);
        target = Files.createDirectories(root.resolve("warden-cli/target"));
        Files.writeString(target.resolve("warden-cli.jar"), "placeholder");
        Files.writeString(Files.createDirectories(target.resolve("lib")).resolve("netty.jar"), "placeholder");
        jdkBin = Files.createDirectories(dir.resolve("jdk/bin"));
        Path java = jdkBin.resolve("java");
        Files.writeString(java, String.join("\n", "#!/bin/sh",
                "share_on=; archive=",
                "for a in \"$@\"; do",
                "  case \"$a\" in",
                "    -XX:ArchiveClassesAtExit=*) [ \"$FAKE_TRAINING\" = works ] || exit 1",
                "      printf '%s\\n' \"$@\" > \"$FAKE_TRAINING_ARGS\"",
                "      echo archive > \"${a#*=}\"; echo 'Warden serving clients on 127.0.0.1:1'; exit 0 ;;",
                "    -Xshare:on) share_on=1 ;;",
                "    -XX:SharedArchiveFile=*) archive=\"${a#*=}\" ;;",
                "  esac",
                "done",
                "if [ -n \"$share_on\" ]; then grep -qx archive \"$archive\" 2> /dev/null; exit $?; fi",
                "for a in \"$@\"; do echo \"$a\"; done", ""));
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void passesTheMemoryLeanDefaultsAndTrimsTheCHeapOnAJdkThatCan() throws Exception {
        jdk("17.0.15");
        List<String> args = run(Map.of());
        assertThat(args).containsSubsequence("-XX:+UseG1GC", "-XX:G1PeriodicGCInterval=30000",
                "-XX:MaxHeapFreeRatio=20", "-XX:MinHeapFreeRatio=5", "-XX:+ExitOnOutOfMemoryError", "-jar")
                .endsWith("server");
        // the C heap is trimmed on Linux with glibc only: the machine running this decides
        assertThat(args.contains(TRIM)).isEqualTo(linuxWithGlibc());
        jdk("21.0.3");
        assertThat(run(Map.of()).contains(TRIM)).isEqualTo(linuxWithGlibc());
        jdk("25");
        assertThat(run(Map.of()).contains(TRIM)).isEqualTo(linuxWithGlibc());
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
                .containsSubsequence("-XX:MaxHeapFreeRatio=20", "-Xmx1g", "-XX:+UseParallelGC", "-jar");
        assertThat(run(Map.of("JVMFLAGS", "-XX:MinHeapFreeRatio=40")))
                .doesNotContain("-XX:MaxHeapFreeRatio=20", "-XX:MinHeapFreeRatio=5")
                .contains("-XX:+UseG1GC", "-XX:MinHeapFreeRatio=40");
        assertThat(run(Map.of("JVMFLAGS", "-XX:TrimNativeHeapInterval=5000")))
                .doesNotContain(TRIM).contains("-XX:TrimNativeHeapInterval=5000");
        assertThat(run(Map.of("JVMFLAGS", "-XX:OnOutOfMemoryError=/usr/local/bin/page-me")))
                .doesNotContain("-XX:+ExitOnOutOfMemoryError");
        assertThat(run(Map.of("JVMFLAGS", "-XX:+HeapDumpOnOutOfMemoryError")))
                .containsSubsequence("-XX:+ExitOnOutOfMemoryError", "-XX:+HeapDumpOnOutOfMemoryError");
        assertThat(run(Map.of("WARDEN_DEFAULT_JVMFLAGS", "")))
                .first().isEqualTo("-jar");
    }

    @Test
    void aServerStartMakesTheClassDataArchiveOnceAndMapsIt() throws Exception {
        jdk("17.0.15");
        Path archive = target.resolve("warden-cli.jsa");
        Path trainingArgs = dir.resolve("training-args.txt");
        Map<String, String> works = Map.of("FAKE_TRAINING", "works", "FAKE_TRAINING_ARGS", trainingArgs.toString(),
                "JVMFLAGS", "-Xmx1g -Dmine=1 -Xlog:gc:file=/gc.log -XX:+UseParallelGC");
        Launch first = launch(works, "server");
        assertThat(first.errors()).contains(MAKING);
        assertThat(archive).exists();
        assertThat(first.args()).contains("-XX:SharedArchiveFile=" + archive);
        // the training got the options an archive depends on, none that would write the user's files
        assertThat(Files.readAllLines(trainingArgs)).contains("-Xmx1g", "-XX:+UseParallelGC",
                "-Dwarden.log.level=INFO").doesNotContain("-Dmine=1", "-Xlog:gc:file=/gc.log");

        Launch second = launch(works, "server");
        assertThat(second.errors()).doesNotContain(MAKING);
        assertThat(second.args()).contains("-XX:SharedArchiveFile=" + archive);
    }

    @Test
    void theArchiveIsMadeAgainWhenAJarTheJdkOrTheOptionsItFitsChange() throws Exception {
        jdk("17.0.15");
        Path archive = target.resolve("warden-cli.jsa");
        Map<String, String> works = Map.of("FAKE_TRAINING", "works",
                "FAKE_TRAINING_ARGS", dir.resolve("training-args.txt").toString());
        assertThat(launch(works, "server").errors()).contains(MAKING);

        olderThan(target.resolve("warden-cli.jar"), archive);
        assertThat(launch(works, "server").errors()).as("the jar rebuilt").contains(MAKING);
        long nowMs = System.currentTimeMillis();
        Path jar = target.resolve("warden-cli.jar");
        Path library = target.resolve("lib/netty.jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(nowMs - 3_600_000));
        Files.setLastModifiedTime(library, FileTime.fromMillis(nowMs - 3_600_000));
        Files.setLastModifiedTime(archive, FileTime.fromMillis(nowMs - 1_800_000));
        assertThat(launch(works, "server").errors()).as("nothing newer than the archive").doesNotContain(MAKING);
        Files.setLastModifiedTime(library, FileTime.fromMillis(nowMs - 900_000));
        assertThat(launch(works, "server").errors()).as("a library jar rebuilt").contains(MAKING);
        jdk("17.0.16");
        assertThat(launch(works, "server").errors()).as("another JDK").contains(MAKING);
        Map<String, String> biggerHeap = new HashMap<>(works);
        biggerHeap.put("JVMFLAGS", "-Xmx40g");
        assertThat(launch(biggerHeap, "server").errors()).as("a heap size").contains(MAKING);
        biggerHeap.put("JVMFLAGS", "-Xmx40g -Dunrelated=1");
        assertThat(launch(biggerHeap, "server").errors()).as("an option the archive does not depend on")
                .doesNotContain(MAKING);
    }

    @Test
    void aTrainingThatFailsLeavesNoArchiveAndIsNotTriedAgainUntilSomethingChanges() throws Exception {
        jdk("17.0.15");
        Launch first = launch(Map.of(), "server");
        assertThat(first.errors()).contains(MAKING);
        assertThat(first.args()).noneMatch(arg -> arg.contains("SharedArchiveFile"));
        assertThat(target.resolve("warden-cli.jsa")).doesNotExist();
        try (var left = Files.list(target)) {
            assertThat(left).as("nothing half-made left behind").allMatch(file -> file.getFileName().toString()
                    .matches("warden-cli\\.jar|lib|warden-cli\\.jsa\\.failed(\\.stamp)?"));
        }

        Launch second = launch(Map.of(), "server");
        assertThat(second.errors()).doesNotContain(MAKING);
        assertThat(second.args()).noneMatch(arg -> arg.contains("SharedArchiveFile"));

        jdk("17.0.16");
        assertThat(launch(Map.of(), "server").errors()).as("another JDK: tried again").contains(MAKING);
    }

    @Test
    void anArchiveTheJvmCannotMapIsNeverUsed() throws Exception {
        jdk("17.0.15");
        // the training writes something, but not an archive the JVM can map
        Files.writeString(jdkBin.resolve("java"), Files.readString(jdkBin.resolve("java"))
                .replace("echo archive > ", "echo torn > "));
        Launch launch = launch(Map.of("FAKE_TRAINING", "works",
                "FAKE_TRAINING_ARGS", dir.resolve("training-args.txt").toString()), "server");
        assertThat(launch.errors()).contains(MAKING);
        assertThat(launch.args()).noneMatch(arg -> arg.contains("SharedArchiveFile"));
        assertThat(target.resolve("warden-cli.jsa")).doesNotExist();
    }

    @Test
    void noArchiveWhenSwitchedOffWhenJvmflagsShareClassesThemselvesOrForOtherCommands() throws Exception {
        jdk("17.0.15");
        for (Map<String, String> environment : List.of(Map.of("WARDEN_CDS", "off", "FAKE_TRAINING", "works"),
                Map.of("JVMFLAGS", "-Xshare:off", "FAKE_TRAINING", "works"),
                Map.of("JVMFLAGS", "-XX:SharedArchiveFile=/mine.jsa", "FAKE_TRAINING", "works"))) {
            Launch launch = launch(environment, "server");
            assertThat(launch.errors()).as("%s", environment).doesNotContain(MAKING);
            assertThat(launch.args()).as("%s", environment).noneMatch(arg -> arg.contains("warden-cli.jsa"));
        }
        Launch shell = launch(Map.of("FAKE_TRAINING", "works"), "shell");
        assertThat(shell.errors()).doesNotContain(MAKING);
        assertThat(shell.args()).noneMatch(arg -> arg.contains("SharedArchiveFile")).endsWith("shell");
        assertThat(target.resolve("warden-cli.jsa")).doesNotExist();
    }

    private void jdk(String version) throws IOException {
        Files.writeString(dir.resolve("jdk/release"), "IMPLEMENTOR=\"Test\"\nJAVA_RUNTIME_VERSION=\"" + version
                + "+7\"\nJAVA_VERSION=\"" + version + "\"\n");
    }

    /** Makes {@code jar} look rebuilt after {@code archive} was made, by dating the archive back. */
    private static void olderThan(Path jar, Path archive) throws IOException {
        Files.setLastModifiedTime(archive, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() - 10_000));
    }

    private static boolean linuxWithGlibc() throws Exception {
        if (!System.getProperty("os.name").startsWith("Linux")) {
            return false;
        }
        Process getconf = new ProcessBuilder("getconf", "GNU_LIBC_VERSION").redirectErrorStream(true).start();
        getconf.getInputStream().readAllBytes();
        return getconf.waitFor(RUN_WAIT_MS_MAX, TimeUnit.MILLISECONDS) && getconf.exitValue() == 0;
    }

    /** The arguments the launcher gives java for {@code ./warden server}, with no class-data archive. */
    private List<String> run(Map<String, String> environment) throws Exception {
        Map<String, String> withoutArchive = new HashMap<>(environment);
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
                target.resolve("warden-cli.jar").toString(), command);
        return new Launch(args, said);
    }
}
