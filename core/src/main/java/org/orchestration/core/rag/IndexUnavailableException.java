package org.orchestration.core.rag;

import org.orchestration.core.errors.AppException;

/** A knowledge base's index could not be loaded (or failed recently and is cooling down). */
public class IndexUnavailableException extends AppException {

    public IndexUnavailableException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 503;
    }
}
