package org.orchestration.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.orchestration.core.errors.ValidationException;

/**
 * The input bounds of the engine, in one place for the desktop, the API and the services (seed
 * 4.1): every entry point refuses the same values with the same message naming the field. Lengths
 * are counted in characters (code points, so an emoji counts once). Limits that a person can
 * configure (the requirements' length) are not here: the service that owns them checks them.
 */
public final class Bounds {

    public static final int PROJECT_NAME_MAX = 200;
    /** Names other than a project's: display names, model names. */
    public static final int NAME_MAX = 200;
    public static final int TASK_TITLE_MAX = 500;
    public static final int TASK_DESCRIPTION_MAX = 10_000;
    public static final int PRIORITY_MIN = 0;
    public static final int PRIORITY_MAX = 100;
    public static final int MAX_TOKENS_MIN = 1;
    public static final int MAX_TOKENS_MAX = 32_768;
    public static final int PASSWORD_MAX = 128;
    public static final int EMAIL_MAX = 254;
    public static final int QUERY_MAX = 1_000;
    public static final int SEARCH_K_MAX = 50;
    public static final int PATH_MAX = 4_096;
    public static final int TOKEN_MAX = 4_096;
    /** Tags of one project, and characters per tag. */
    public static final int PROJECT_TAGS_MAX = 10;
    public static final int TAG_MAX = 30;

    private Bounds() {
    }

    /**
     * A length between {@code min} and {@code max} characters.
     *
     * @return {@code value}
     * @throws ValidationException naming {@code field}: "must not be empty", "must be at least",
     *                             "must be at most"
     */
    public static String length(String field, String value, int min, int max) {
        int length = value.codePointCount(0, value.length());
        if (length == 0 && min > 0) {
            throw new ValidationException(field, field + " must not be empty.");
        }
        if (length < min) {
            throw new ValidationException(field, field + " must be at least " + min + " characters (was " + length + ").");
        }
        if (length > max) {
            throw new ValidationException(field, field + " must be at most " + max + " characters (was " + length + ").");
        }
        return value;
    }

    /**
     * A name or title: trimmed, 1..max characters, no control characters.
     *
     * @return the trimmed value
     */
    public static String name(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, field + " must not be empty.");
        }
        String trimmed = length(field, value.strip(), 1, max);
        if (trimmed.codePoints().anyMatch(Character::isISOControl)) {
            throw new ValidationException(field, field + " must not contain control characters.");
        }
        return trimmed;
    }

    /**
     * A list of at most {@code max} entries (the API checks request lists with this too).
     *
     * @throws ValidationException naming {@code field}: "must have at most N entries (got M)"
     */
    public static <T> List<T> count(String field, List<T> values, int max) {
        if (values.size() > max) {
            throw new ValidationException(field, field + " must have at most " + max + " entries (got " + values.size() + ").");
        }
        return values;
    }

    /**
     * A project's tags: at most {@link #PROJECT_TAGS_MAX} given; each trimmed, inner spaces
     * collapsed, 1..{@link #TAG_MAX} characters, no control characters or commas; duplicates
     * (ignoring case) dropped, the first spelling kept.
     *
     * @throws ValidationException naming "tags"
     */
    public static List<String> tags(List<String> tags) {
        Map<String, String> byKey = new LinkedHashMap<>();
        for (String tag : count("tags", tags, PROJECT_TAGS_MAX)) {
            String t = name("tags", tagText(tag), TAG_MAX);
            if (t.indexOf(',') >= 0) {
                throw new ValidationException("tags", "A tag must not contain a comma (\"" + t + "\").");
            }
            byKey.putIfAbsent(t.toLowerCase(Locale.ROOT), t);
        }
        return List.copyOf(byKey.values());
    }

    /** A tag as it is stored and matched: trimmed, inner runs of white space made one space ("" for null). */
    public static String tagText(String tag) {
        return tag == null ? "" : tag.strip().replaceAll("\\s+", " ");
    }

    /** Free text (requirements, descriptions): may be empty, at most {@code max} characters, no NUL. */
    public static String text(String field, String value, int max) {
        String v = length(field, value == null ? "" : value, 0, max);
        if (v.indexOf('\0') >= 0) {
            throw new ValidationException(field, field + " must not contain NUL characters.");
        }
        return v;
    }

    /** @throws ValidationException naming {@code field} when {@code value} is outside {@code min..max} */
    public static long range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ValidationException(field, field + " must be between " + min + " and " + max + " (was " + value + ").");
        }
        return value;
    }

    public static long nonNegative(String field, long value) {
        if (value < 0) {
            throw new ValidationException(field, field + " must not be negative.");
        }
        return value;
    }

    public static int priority(long value) {
        return (int) range("priority", value, PRIORITY_MIN, PRIORITY_MAX);
    }

    public static int maxTokens(long value) {
        return (int) range("max_tokens", value, MAX_TOKENS_MIN, MAX_TOKENS_MAX);
    }

    public static String taskTitle(String value) {
        return name("title", value, TASK_TITLE_MAX);
    }

    public static String taskDescription(String value) {
        return text("description", value, TASK_DESCRIPTION_MAX);
    }
}
