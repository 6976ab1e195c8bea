package org.orchestration.core.errors;

import java.util.Optional;

/** Bad input. {@link #field()} names the offending field when there is one. */
public class ValidationException extends AppException {

    private final String field;

    public ValidationException(String message) {
        this(null, message);
    }

    public ValidationException(String field, String message) {
        super(message);
        this.field = field;
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }

    @Override
    public int status() {
        return 400;
    }
}
