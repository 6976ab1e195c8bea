package org.orchestration.core.errors;

/** A reservation would exceed the daily, monthly or project budget. */
public class BudgetExceededException extends AppException {

    public BudgetExceededException(String message) {
        super(message);
    }

    public BudgetExceededException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int status() {
        return 402;
    }
}
