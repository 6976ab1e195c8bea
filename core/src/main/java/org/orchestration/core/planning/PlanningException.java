package org.orchestration.core.planning;

import org.orchestration.core.errors.AppException;

/**
 * The planning model's reply could not be turned into a plan (no JSON, truncated JSON, a plan
 * that breaks the schema or the task cap), or the planning call itself failed. The message says
 * what was wrong in a sentence; the raw reply is kept on the project for the user to see.
 * Maps to HTTP 502: the upstream model, not the caller's request, was at fault.
 */
public class PlanningException extends AppException {

    public PlanningException(String message) {
        super(message);
    }

    public PlanningException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 502;
    }
}
