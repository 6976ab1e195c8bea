package org.orchestration.core.errors;

/** The database failed in a way the caller cannot fix (corrupt file, disk full). Wraps SQLException. */
public class StorageException extends AppException {

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 500;
    }
}
