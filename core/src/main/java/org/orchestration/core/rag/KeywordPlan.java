package org.orchestration.core.rag;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Which FTS5 queries answer one keyword search, chosen from how many chunks contain each word.
 * bm25 scores every chunk that matches, so ORing a common word ("the", "task") ranks most of the
 * index; this plan keeps that cost bounded without changing small or specific searches:
 * <ul>
 *   <li>When all words together occur in at most {@value #BUDGET} chunks, one query ORs them all:
 *       bm25 over every chunk with any word, exactly the plain search.</li>
 *   <li>Otherwise words in more than {@value #BUDGET} chunks are <em>common</em> and left out
 *       (bm25 gives them little weight; the vector half still sees the whole query). First come
 *       the chunks that contain <em>all</em> the remaining words ({@link #conjunction}), ranked by
 *       bm25; then the chunks with any of the rarest words ({@link #disjunction}), taken rarest
 *       first while their chunk counts add up to at most {@value #BUDGET} (at least one word).
 *       When every word is common, the conjunction of all of them comes first and the rarest
 *       word alone fills up.</li>
 * </ul>
 * Chunk counts come from a capped count of the word's own quoted match (cheap: no ranking, at
 * most {@value #BUDGET} + 1 postings read), so they need no tokenizer knowledge. Every expression
 * is built by {@link FtsQuery} (quoted words only).
 */
record KeywordPlan(Optional<String> conjunction, String disjunction) {

    /** Postings one ranked OR query may score (single-digit ms of bm25 on this machine), and the count cap. */
    static final long BUDGET = 5_000;

    private record Word(String text, long chunks) {
    }

    /**
     * @param words  from {@link FtsQuery#words}, not empty
     * @param chunks chunks matching a word's quoted string, counted up to at least {@value #BUDGET} + 1
     */
    static KeywordPlan of(List<String> words, ToLongFunction<String> chunks) {
        if (words.isEmpty()) {
            throw new IllegalArgumentException("no words");
        }
        List<Word> counted = new ArrayList<>(words.size());
        long sum = 0;
        for (String w : words) {
            long n = chunks.applyAsLong(w);
            counted.add(new Word(w, n));
            sum += n;
        }
        if (sum <= BUDGET) {
            return new KeywordPlan(Optional.empty(), FtsQuery.any(words).orElseThrow());
        }
        counted.sort(Comparator.comparingLong(Word::chunks)); // stable: ties keep query order
        List<Word> specific = counted.stream().filter(w -> w.chunks() <= BUDGET).toList();
        List<Word> required = specific.isEmpty() ? counted : specific;
        // a word in no chunk would make the AND empty; it stays in the OR (where it costs nothing)
        List<String> and = required.stream().filter(w -> w.chunks() > 0).map(Word::text).toList();
        List<String> or = new ArrayList<>();
        long postings = 0;
        for (Word w : required) {
            if (!or.isEmpty() && postings + w.chunks() > BUDGET) {
                break;
            }
            or.add(w.text());
            postings += w.chunks();
        }
        return new KeywordPlan(and.size() >= 2 ? FtsQuery.all(and) : Optional.empty(), FtsQuery.any(or).orElseThrow());
    }
}
