package org.orchestration.core.rag;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds an FTS5 MATCH expression from untrusted text (a user's or a model's query) in which
 * nothing the caller typed is syntax. The text is split on whitespace and every word becomes a
 * double-quoted FTS5 string with inner quotes doubled, so {@code OR}, {@code NEAR(}, {@code *},
 * {@code -}, {@code title:x} and stray quotes are plain text. Words are joined with our own
 * {@code OR} (bm25 then ranks chunks that match more words higher); a word with no letter or digit
 * cannot match any token and is dropped. The result is bound as a parameter, never concatenated.
 */
public final class FtsQuery {

    /** At most this many words are used; longer queries are cut (they only slow FTS down). */
    public static final int MAX_TERMS = 32;
    private static final int MAX_TERM_CHARS = 100;
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private FtsQuery() {
    }

    /** The MATCH expression, or empty when the query has no searchable word. */
    public static Optional<String> build(String query) {
        if (query == null) {
            return Optional.empty();
        }
        Set<String> terms = new LinkedHashSet<>();
        // SQLite's FTS5 parser stops at a NUL character (an "unterminated string" error):
        // control characters are never part of a word, so they become spaces.
        String text = CONTROL.matcher(query).replaceAll(" ");
        for (String word : text.strip().split("\\s+")) {
            if (terms.size() == MAX_TERMS) {
                break;
            }
            if (word.isEmpty() || word.codePoints().noneMatch(Character::isLetterOrDigit)) {
                continue;
            }
            if (word.length() > MAX_TERM_CHARS) {
                // cut by code points so a surrogate pair is never split
                word = word.substring(0, word.offsetByCodePoints(0, Math.min(MAX_TERM_CHARS, word.codePointCount(0, word.length()))));
            }
            terms.add(quote(word));
        }
        if (terms.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(" OR ", new ArrayList<>(terms)));
    }

    /** One FTS5 string literal: {@code say "hi"} becomes {@code "say ""hi"""}. */
    public static String quote(String term) {
        return '"' + term.replace("\"", "\"\"") + '"';
    }
}
