package io.warden.cli.tools;

import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

/** Raises the log level of chatty loggers (ZooKeeper's, the server's) for a test, and restores it. */
final class QuietLogs implements AutoCloseable {
    private final Map<Logger, Level> saved = new LinkedHashMap<>();

    QuietLogs(String... names) {
        for (String name : names) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            saved.put(logger, logger.getLevel());
            logger.setLevel(Level.ERROR);
        }
    }

    @Override
    public void close() {
        saved.forEach(Logger::setLevel);
    }
}
