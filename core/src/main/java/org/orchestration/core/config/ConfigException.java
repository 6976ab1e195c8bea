package org.orchestration.core.config;

import org.orchestration.core.errors.StartupException;

/** A bad configuration value; the message names the key and fits on one line. */
public class ConfigException extends StartupException {

    public ConfigException(String message) {
        super(StartupException.CONFIG, "Configuration error: " + message);
    }

    public ConfigException(String message, Throwable cause) {
        super(StartupException.CONFIG, "Configuration error: " + message, cause);
    }
}
