package org.orchestration.core.db;

import org.orchestration.core.errors.StartupException;

/** The database could not be opened or migrated; the message is one line for the user. */
public class DatabaseOpenException extends StartupException {

    public DatabaseOpenException(String message) {
        super(StartupException.DATABASE, message);
    }

    public DatabaseOpenException(String message, Throwable cause) {
        super(StartupException.DATABASE, message, cause);
    }
}
