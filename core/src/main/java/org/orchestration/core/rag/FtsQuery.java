package org.orchestration.core.rag;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds FTS5 MATCH expressions from untrusted text (a user's or a model's query) in which
 * nothing the caller typed is syntax. The text is split on whitespace and every word becomes a
 * double-quoted FTS5 string with inner quotes doubled, so {@code OR}, {@code NEAR(}, {@code *},
 * {@code -}, {@code title:x} and stray quotes are plain text; a word with no letter or digit cannot
 * match any token and is dropped. Words are joined only by our own operators: {@link #any} with
 * {@code OR}, {@link #all} with FTS5's implicit {@code AND} (a space). The result is bound as a
 * parameter, never concatenated into SQL.
 */
public final class FtsQuery {

    /** At most this many words are used; longer queries are cut (they only slow FTS down). */
    public static final int MAX_TERMS = 32;
    private static final int MAX_TERM_CHARS = 100;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private FtsQuery() {
    }

    /** Every word of {@code query} joined with {@code OR}, or empty when the query has no searchable word. */
    public static Optional<String> build(String query) {
        return any(words(query));
    }

    /**
     * The searchable words of {@code query} in order, without repeats: split on whitespace (control
     * characters count as whitespace), words without a letter or digit dropped, each cut to 100
     * characters, at most {@value #MAX_TERMS}. Raw text: quote with {@link #quote} before use.
     */
    public static List<String> words(String query) {
        if (query == null) {
            return List.of();
        }
        Set<String> words = new LinkedHashSet<>();
        // SQLite's FTS5 parser stops at a NUL character (an "unterminated string" error):
        // control characters are never part of a word, so they become spaces.
        String text = CONTROL.matcher(query).replaceAll(" ");
        for (String word : text.strip().split("\\s+")) {
            if (words.size() == MAX_TERMS) {
                break;
            }
            if (word.isEmpty() || word.codePoints().noneMatch(Character::isLetterOrDigit)) {
                continue;
            }
            if (word.length() > MAX_TERM_CHARS) {
                // cut by code points so a surrogate pair is never split
                word = word.substring(0, word.offsetByCodePoints(0, Math.min(MAX_TERM_CHARS, word.codePointCount(0, word.length()))));
            }
            words.add(word);
        }
        return List.copyOf(words);
    }

    /** The words as quoted strings joined with {@code OR} (a chunk matches when it has any of them). */
    public static Optional<String> any(List<String> words) {
        return join(words, " OR ");
    }

    /** The words as quoted strings joined with FTS5's implicit AND (a chunk matches only when it has all). */
    public static Optional<String> all(List<String> words) {
        return join(words, " ");
    }

    private static Optional<String> join(List<String> words, String operator) {
        if (words.isEmpty()) {
            return Optional.empty();
        }
        List<String> quoted = new ArrayList<>(words.size());
        for (String w : words) {
            quoted.add(quote(w));
        }
        return Optional.of(String.join(operator, quoted));
    }

    /** One FTS5 string literal: {@code say "hi"} becomes {@code "say ""hi"""}. */
    public static String quote(String term) {
        return '"' + term.replace("\"", "\"\"") + '"';
    }
}
