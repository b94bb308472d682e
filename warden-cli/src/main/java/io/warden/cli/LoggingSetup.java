package io.warden.cli;

import ch.qos.logback.classic.ClassicConstants;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The warden command's logging, set up in code (logback finds it as a service): lines to standard
 * output as {@link #PATTERN}, the root at {@code -Dwarden.log.level} (default INFO), Netty at WARN.
 * Logback's XML configuration took about 0.3 s of every start (an XML parser and the configuration
 * model, some 500 classes), a tenth of a server's restart with a million znodes; this takes a
 * fraction of that. A file given with {@code -Dlogback.configurationFile}, or a {@code logback-test.xml}
 * or {@code logback.xml} on the class path (a test's, or one an embedder provides), still decides
 * instead, as logback would without this class.
 */
public final class LoggingSetup extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n";
    static final String LEVEL_PROPERTY = "warden.log.level";
    static final String APPENDER_NAME = "console";
    /** The files logback looks for on the class path, in its order. */
    static final String[] CLASS_PATH_FILES = {"logback-test.xml", "logback.xml"};

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty(ClassicConstants.CONFIG_FILE_PROPERTY) != null
                || configurationFileOn(LoggingSetup.class.getClassLoader())) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(APPENDER_NAME);
        console.setEncoder(encoder);
        console.start();
        context.getLogger("io.netty").setLevel(Level.WARN);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        String setting = levelSetting();
        root.setLevel(Level.toLevel(setting, Level.INFO));
        root.addAppender(console);
        if (setting != null && Level.toLevel(setting, null) == null) {
            root.warn("{}={} is no log level (TRACE, DEBUG, INFO, WARN, ERROR, OFF or ALL): logging at INFO",
                    LEVEL_PROPERTY, setting);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Whether a logback configuration file logback itself would use is on {@code loader}'s class path. */
    static boolean configurationFileOn(ClassLoader loader) {
        for (String name : CLASS_PATH_FILES) {
            if (loader.getResource(name) != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The root level asked for: the property, else an environment variable of that name, else null
     * (INFO). A value that names no level is logged at INFO, with a warning.
     */
    static String levelSetting() {
        String value = System.getProperty(LEVEL_PROPERTY);
        return value != null ? value : System.getenv(LEVEL_PROPERTY);
    }
}
