package org.orchestration.core.auth;

import java.text.Normalizer;
import java.util.Locale;
import org.apache.commons.validator.routines.EmailValidator;
import org.orchestration.core.errors.ValidationException;

/**
 * What a valid email, password, display name and key name look like. Each check throws a
 * {@link ValidationException} naming the field, and returns the value as it should be stored.
 * Pure functions: no state.
 */
public final class AccountRules {

    public static final int MAX_EMAIL_LENGTH = 254;
    public static final int MIN_PASSWORD_LENGTH = 8;
    public static final int MAX_PASSWORD_LENGTH = 128;
    public static final int MAX_DISPLAY_NAME_LENGTH = 200;
    public static final int MAX_KEY_NAME_LENGTH = 100;

    public static final String EMAIL = "email";
    public static final String PASSWORD = "password";
    public static final String DISPLAY_NAME = "displayName";
    public static final String KEY_NAME = "name";

    /** Local names (a@localhost) and bare TLDs (a@b) are not real addresses. */
    private static final EmailValidator EMAILS = EmailValidator.getInstance(false, false);

    private AccountRules() {
    }

    /**
     * A real email address: at most 254 characters, ASCII only, accepted by commons-validator.
     * Returned trimmed and lower-cased.
     *
     * <p>ASCII only because the {@code users.email} column compares case-insensitively for ASCII
     * alone: two spellings of the same internationalised address (or look-alike letters from
     * another script) could otherwise become two accounts.
     */
    public static String email(String email) {
        if (email == null || email.isBlank()) {
            throw new ValidationException(EMAIL, "Enter an email address.");
        }
        String trimmed = email.strip();
        if (trimmed.length() > MAX_EMAIL_LENGTH) {
            throw new ValidationException(EMAIL, "An email address has at most " + MAX_EMAIL_LENGTH + " characters.");
        }
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new ValidationException(EMAIL, "An email address may only use printable ASCII characters.");
            }
        }
        if (!EMAILS.isValid(trimmed)) {
            throw new ValidationException(EMAIL, "\"" + trimmed + "\" is not a valid email address.");
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    /**
     * 8 to 128 characters (counted as Unicode code points); any character is allowed except
     * control characters, so that what was typed is what is hashed. Returned unchanged.
     */
    public static String password(String password) {
        if (password == null) {
            throw new ValidationException(PASSWORD, "Enter a password.");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
            throw new ValidationException(PASSWORD, "A password has " + MIN_PASSWORD_LENGTH + " to "
                    + MAX_PASSWORD_LENGTH + " characters.");
        }
        if (password.codePoints().anyMatch(Character::isISOControl)) {
            throw new ValidationException(PASSWORD, "A password may not contain control characters.");
        }
        return password;
    }

    /** 1 to 200 characters after trimming, NFC-normalised, no control or formatting characters. */
    public static String displayName(String displayName) {
        return text(DISPLAY_NAME, "A display name", displayName, MAX_DISPLAY_NAME_LENGTH);
    }

    /** The name of a personal API key: 1 to 100 characters, same character rules as a display name. */
    public static String keyName(String name) {
        return text(KEY_NAME, "A key name", name, MAX_KEY_NAME_LENGTH);
    }

    private static String text(String field, String what, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new ValidationException(field, what + " must not be empty.");
        }
        String s = Normalizer.normalize(value.strip(), Normalizer.Form.NFC);
        int length = s.codePointCount(0, s.length());
        if (length > max) {
            throw new ValidationException(field, what + " has at most " + max + " characters.");
        }
        if (s.codePoints().anyMatch(AccountRules::isForbiddenInText)) {
            throw new ValidationException(field, what + " may not contain control or invisible formatting characters.");
        }
        return s;
    }

    /**
     * Control characters, line separators, unpaired surrogates and invisible formatting
     * characters (bidi overrides that reverse how a name is displayed, zero-width spaces). The
     * zero-width joiner stays allowed: emoji sequences need it.
     */
    private static boolean isForbiddenInText(int cp) {
        if (cp == 0x200D) {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.SURROGATE
                || type == Character.UNASSIGNED
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}
