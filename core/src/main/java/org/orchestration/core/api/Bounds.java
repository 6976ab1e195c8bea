package org.orchestration.core.api;

import org.orchestration.core.errors.ValidationException;

/**
 * Shape limits of request fields (seed 4.1). Each check names the field so the client can point
 * at it; business rules (password strength, state transitions) stay in the services.
 */
public final class Bounds {

    public static final int NAME_MAX = 200;
    public static final int TITLE_MAX = 500;
    public static final int DESCRIPTION_MAX = 10_000;
    public static final int REQUIREMENTS_MAX = 50_000;
    public static final int PASSWORD_MAX = 128;
    public static final int EMAIL_MAX = 254;
    public static final int PRIORITY_MIN = 0;
    public static final int PRIORITY_MAX = 100;
    public static final int MAX_TOKENS_MIN = 1;
    public static final int MAX_TOKENS_MAX = 32_768;
    public static final int QUERY_MAX = 1_000;
    public static final int SEARCH_K_MAX = 50;
    public static final int PATH_MAX = 4_096;
    public static final int TOKEN_MAX = 4_096;

    private Bounds() {
    }

    /** Length in characters (code points, so an emoji counts once). */
    public static String length(String field, String value, int min, int max) {
        int length = value.codePointCount(0, value.length());
        if (length < min || length > max) {
            String range = min == 0 ? "at most " + max + " characters" : min + " to " + max + " characters";
            throw new ValidationException(field, field + " must be " + range + " long (was " + length + ")");
        }
        return value;
    }

    public static long range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ValidationException(field, field + " must be between " + min + " and " + max + " (was " + value + ")");
        }
        return value;
    }

    public static long nonNegative(String field, long value) {
        if (value < 0) {
            throw new ValidationException(field, field + " must not be negative");
        }
        return value;
    }
}
