package io.warden.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import io.warden.tree.OpResult;
import io.warden.tree.TreeResult;

/**
 * Keeps the benchmarks from rotting without running JMH: every benchmark method of every class in
 * this package gets a fresh instance with each {@link Param} at its first value, its setups, one
 * call and its teardowns, and must return a successful result; and JMH's annotation processor must
 * have listed it in {@code META-INF/BenchmarkList}, which the runnable jar reads.
 */
class BenchmarksRunOnceTest {

    @Test
    void everyBenchmarkSetsUpAndRunsOnce() throws Exception {
        List<Class<?>> classes = benchmarkClasses();
        assertThat(classes).extracting(Class::getSimpleName).contains("TreeCreateBenchmark", "TreeReadBenchmark",
                "SnapshotBenchmark", "JuteCodecBenchmark", "TxnLogAppendBenchmark");
        int calls = 0;
        for (Class<?> type : classes) {
            for (Method benchmark : benchmarkMethods(type)) {
                Object result = runOnce(type, benchmark);
                assertSuccessful(type.getSimpleName() + "." + benchmark.getName(), result);
                calls++;
            }
        }
        assertThat(calls).isGreaterThanOrEqualTo(20);
    }

    @Test
    void theAnnotationProcessorListedEveryBenchmark() throws Exception {
        String list;
        try (InputStream in = BenchmarksRunOnceTest.class.getClassLoader()
                .getResourceAsStream("META-INF/BenchmarkList")) {
            assertThat(in).as("META-INF/BenchmarkList (is JMH's annotation processor configured?)").isNotNull();
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Class<?> type : benchmarkClasses()) {
            for (Method benchmark : benchmarkMethods(type)) {
                assertThat(list).contains(type.getName(), type.getSimpleName() + "_" + benchmark.getName() + "_jmhTest");
            }
        }
    }

    /** The classes of this package, in the main classes' directory, that have benchmark methods. */
    private static List<Class<?>> benchmarkClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path classes = Path.of(TreeWriter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path packageDir = classes.resolve(TreeWriter.class.getPackageName().replace('.', '/'));
        List<Class<?>> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(packageDir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                Class<?> type = Class.forName(TreeWriter.class.getPackageName() + "."
                        + name.substring(0, name.length() - ".class".length()));
                if (!benchmarkMethods(type).isEmpty()) {
                    found.add(type);
                }
            }
        }
        return found;
    }

    private static List<Method> benchmarkMethods(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Benchmark.class))
                .sorted(Comparator.comparing(Method::getName)).toList();
    }

    private static Object runOnce(Class<?> type, Method benchmark) throws Exception {
        Object state = type.getDeclaredConstructor().newInstance();
        for (Field field : type.getDeclaredFields()) {
            Param param = field.getAnnotation(Param.class);
            if (param != null) {
                field.set(state, parse(field.getType(), param.value()[0]));
            }
        }
        for (Level level : List.of(Level.Trial, Level.Iteration, Level.Invocation)) {
            invokeAll(state, type, Setup.class, level);
        }
        try {
            return benchmark.invoke(state);
        } catch (InvocationTargetException e) {
            throw new AssertionError(type.getSimpleName() + "." + benchmark.getName() + " threw", e.getCause());
        } finally {
            for (Level level : List.of(Level.Invocation, Level.Iteration, Level.Trial)) {
                invokeAll(state, type, TearDown.class, level);
            }
        }
    }

    private static void invokeAll(Object state, Class<?> type, Class<? extends java.lang.annotation.Annotation> kind,
            Level level) throws Exception {
        for (Method method : type.getDeclaredMethods()) {
            java.lang.annotation.Annotation annotation = method.getAnnotation(kind);
            Level at = annotation instanceof Setup setup ? setup.value()
                    : annotation instanceof TearDown tearDown ? tearDown.value() : null;
            if (at == level) {
                method.invoke(state);
            }
        }
    }

    private static Object parse(Class<?> type, String value) {
        if (type == int.class) {
            return Integer.parseInt(value);
        }
        if (type == long.class) {
            return Long.parseLong(value);
        }
        if (type == boolean.class) {
            return Boolean.parseBoolean(value);
        }
        if (type == String.class) {
            return value;
        }
        throw new IllegalArgumentException("no conversion of @Param to " + type);
    }

    private static void assertSuccessful(String what, Object result) {
        assertThat(result).as(what).isNotNull();
        if (result instanceof TreeResult tree) {
            assertThat(tree.result().ok()).as(what + " -> " + tree.result()).isTrue();
        }
        if (result instanceof OpResult op) {
            assertThat(op.ok()).as(what + " -> " + op).isTrue();
        }
        if (result instanceof List<?> list) {
            assertThat(list).as(what).isNotEmpty();
        }
    }
}
