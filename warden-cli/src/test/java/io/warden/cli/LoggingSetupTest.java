package io.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.read.ListAppender;

class LoggingSetupTest {
    private final String levelBefore = System.getProperty(LoggingSetup.LEVEL_PROPERTY);
    private final String fileBefore = System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY);

    @AfterEach
    void restoreProperties() {
        restore(LoggingSetup.LEVEL_PROPERTY, levelBefore);
        restore(ClassicConstants.CONFIG_FILE_PROPERTY, fileBefore);
    }

    private static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }

    @Test
    void logbackFindsItAsAService() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .contains(LoggingSetup.class);
    }

    @Test
    void consoleLinesWithThePatternRootAtInfoNettyAtWarn() {
        System.clearProperty(LoggingSetup.LEVEL_PROPERTY);
        System.clearProperty(ClassicConstants.CONFIG_FILE_PROPERTY);
        LoggerContext context = new LoggerContext();

        assertThat(configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("io.netty").getLevel()).isEqualTo(Level.WARN);
        ConsoleAppender<?> console = (ConsoleAppender<?>) root.getAppender(LoggingSetup.APPENDER_NAME);
        assertThat(console.isStarted()).isTrue();
        assertThat(((PatternLayoutEncoder) console.getEncoder()).getPattern()).isEqualTo(LoggingSetup.PATTERN);
    }

    @Test
    void theLevelPropertySetsTheRootLevel() {
        System.clearProperty(ClassicConstants.CONFIG_FILE_PROPERTY);
        System.setProperty(LoggingSetup.LEVEL_PROPERTY, "debug");
        LoggerContext context = new LoggerContext();

        configure(context);

        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.DEBUG);
    }

    @Test
    void aLevelThatIsNoLevelLogsAtInfoAndSaysSo() {
        System.clearProperty(ClassicConstants.CONFIG_FILE_PROPERTY);
        System.setProperty(LoggingSetup.LEVEL_PROPERTY, "verbose");
        LoggerContext context = new LoggerContext();
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.setContext(context);
        seen.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(seen);

        configure(context);

        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.INFO);
        assertThat(seen.list).singleElement().satisfies(event -> {
            assertThat(event.getLevel()).isEqualTo(Level.WARN);
            assertThat(event.getFormattedMessage()).contains(LoggingSetup.LEVEL_PROPERTY + "=verbose");
        });
    }

    @Test
    void aConfigurationFileGivenLeavesTheSetupToIt() {
        System.setProperty(ClassicConstants.CONFIG_FILE_PROPERTY, "/somewhere/logback.xml");
        LoggerContext context = new LoggerContext();

        assertThat(configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);

        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(LoggingSetup.APPENDER_NAME)).isNull();
    }

    @Test
    void aConfigurationFileOnTheClassPathIsFound(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        Path withTestFile = Files.createDirectory(dir.resolve("test"));
        Files.writeString(withTestFile.resolve("logback-test.xml"), "<configuration/>");
        Path withFile = Files.createDirectory(dir.resolve("main"));
        Files.writeString(withFile.resolve("logback.xml"), "<configuration/>");

        assertThat(LoggingSetup.configurationFileOn(loaderOf(empty))).isFalse();
        assertThat(LoggingSetup.configurationFileOn(loaderOf(withTestFile))).isTrue();
        assertThat(LoggingSetup.configurationFileOn(loaderOf(withFile))).isTrue();
    }

    private static ClassLoader loaderOf(Path dir) throws IOException {
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
    }

    private static Configurator.ExecutionStatus configure(LoggerContext context) {
        LoggingSetup setup = new LoggingSetup();
        setup.setContext(context);
        return setup.configure(context);
    }
}
