package org.orchestration.app.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.joran.util.ConfigurationWatchListUtil;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.orchestration.core.errors.StartupException;
import org.orchestration.core.files.PrivateFiles;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Switches logging from console-only to console + a rolling file in {@code <dataDir>/logs}.
 *
 * <p>Why a second configuration instead of one {@code logback.xml} with the file in it: the log
 * folder lives in the data folder, and the data folder is only known once the configuration has
 * been read — which already logs (unknown keys). So {@code logback.xml} starts console-only, and
 * this step sets {@link #LOG_DIR_PROPERTY} and reloads {@code logback-engine.xml}, which adds the
 * rolling file. Closing it goes back to {@code logback.xml} so the log file is released.
 */
public final class FileLogging implements AutoCloseable {

    public static final String LOG_DIR_PROPERTY = "oe.log.dir";
    public static final String LOG_FILE_NAME = "engine.log";
    private static final String ENGINE_CONFIG = "/org/orchestration/app/logback-engine.xml";

    private final LoggerContext context;
    private final URL previousConfig;

    private FileLogging(LoggerContext context, URL previousConfig) {
        this.context = context;
        this.previousConfig = previousConfig;
    }

    /**
     * Starts logging into {@code logDir} (created owner-only if missing; the log files it holds
     * now are narrowed to owner-only, and later ones sit in that private folder). Does nothing when
     * logback is not the SLF4J backend.
     *
     * @throws StartupException {@link StartupException#DATA_DIR} when the configuration fails
     */
    public static FileLogging start(Path logDir) {
        System.setProperty(LOG_DIR_PROPERTY, logDir.toAbsolutePath().toString());
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return new FileLogging(null, null);
        }
        URL previous = ConfigurationWatchListUtil.getMainWatchURL(context);
        makePrivate(logDir);
        reload(context, FileLogging.class.getResource(ENGINE_CONFIG));
        makePrivate(logDir);
        return new FileLogging(context, previous != null ? previous : FileLogging.class.getResource("/logback.xml"));
    }

    /** Logs can quote prompts and paths: owner-only, like the rest of the data folder. Best effort. */
    private static void makePrivate(Path logDir) {
        try {
            PrivateFiles.createPrivateDirectories(logDir);
            PrivateFiles.tightenDirectory(logDir);
            try (Stream<Path> files = Files.list(logDir)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    PrivateFiles.tightenFile(file);
                }
            }
        } catch (IOException e) {
            LoggerFactory.getLogger(FileLogging.class).warn("Could not make the log folder {} owner-only: {}", logDir, e.getMessage());
        }
    }

    /** Releases the log file: back to the console-only default configuration. */
    @Override
    public void close() {
        if (context == null) {
            return;
        }
        reload(context, previousConfig);
    }

    private static void reload(LoggerContext context, URL config) {
        context.reset();
        if (config == null) {
            return;
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(config);
        } catch (JoranException e) {
            throw new StartupException(StartupException.DATA_DIR, "Logging cannot be set up: " + e.getMessage());
        }
    }
}
