package org.orchestration.core.projects;

import org.orchestration.core.errors.ValidationException;

/**
 * The input bounds shared by the desktop UI, the API and the plan editor (seed 4.1), so that
 * every entry point refuses the same values with the same message naming the field.
 */
public final class Bounds {

    public static final int PROJECT_NAME_MAX = 200;
    public static final int TASK_TITLE_MAX = 500;
    public static final int TASK_DESCRIPTION_MAX = 10_000;
    public static final int PRIORITY_MIN = 0;
    public static final int PRIORITY_MAX = 100;
    public static final int MAX_TOKENS_MIN = 1;
    public static final int MAX_TOKENS_MAX = 32_768;

    private Bounds() {
    }

    /**
     * A name or title: trimmed, 1..max characters (code points), no control characters.
     *
     * @return the trimmed value
     */
    public static String name(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, field + " must not be empty.");
        }
        String trimmed = value.strip();
        int length = trimmed.codePointCount(0, trimmed.length());
        if (length > max) {
            throw new ValidationException(field, field + " must be at most " + max + " characters (was " + length + ").");
        }
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            throw new ValidationException(field, field + " must not contain control characters.");
        }
        return trimmed;
    }

    /** Free text (requirements, descriptions): may be empty, at most {@code max} characters. */
    public static String text(String field, String value, int max) {
        String v = value == null ? "" : value;
        int length = v.codePointCount(0, v.length());
        if (length > max) {
            throw new ValidationException(field, field + " must be at most " + max + " characters (was " + length + ").");
        }
        if (v.indexOf('\0') >= 0) {
            throw new ValidationException(field, field + " must not contain NUL characters.");
        }
        return v;
    }

    public static int range(String field, long value, int min, int max) {
        if (value < min || value > max) {
            throw new ValidationException(field, field + " must be between " + min + " and " + max + " (was " + value + ").");
        }
        return (int) value;
    }

    public static int priority(long value) {
        return range("priority", value, PRIORITY_MIN, PRIORITY_MAX);
    }

    public static int maxTokens(long value) {
        return range("max_tokens", value, MAX_TOKENS_MIN, MAX_TOKENS_MAX);
    }

    public static String taskTitle(String value) {
        return name("title", value, TASK_TITLE_MAX);
    }

    public static String taskDescription(String value) {
        return text("description", value, TASK_DESCRIPTION_MAX);
    }
}
