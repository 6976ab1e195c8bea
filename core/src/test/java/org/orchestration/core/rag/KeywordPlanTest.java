package org.orchestration.core.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

class KeywordPlanTest {

    private static final long COMMON = KeywordPlan.BUDGET + 1;

    private static ToLongFunction<String> counts(Map<String, Long> counts) {
        return w -> counts.getOrDefault(w, 0L);
    }

    @Test
    void wordsThatTogetherStayUnderTheBudgetAreAllOred() {
        KeywordPlan plan = KeywordPlan.of(List.of("retry", "the", "backoff"), counts(Map.of("retry", 40L, "the", 3000L, "backoff", 9L)));
        assertThat(plan.conjunction()).isEmpty();
        assertThat(plan.disjunction()).isEqualTo("\"retry\" OR \"the\" OR \"backoff\"");
    }

    @Test
    void commonWordsAreLeftOutAndTheRestAreRequiredTogetherFirst() {
        KeywordPlan plan = KeywordPlan.of(List.of("how", "retry", "the", "backoff"),
                counts(Map.of("how", COMMON, "retry", 400L, "the", COMMON, "backoff", 90L)));
        assertThat(plan.conjunction()).hasValue("\"backoff\" \"retry\"");
        assertThat(plan.disjunction()).isEqualTo("\"backoff\" OR \"retry\"");
    }

    @Test
    void theOrQueryTakesTheRarestWordsWithinTheBudget() {
        KeywordPlan plan = KeywordPlan.of(List.of("a", "b", "c"), counts(Map.of("a", 4_000L, "b", 2_000L, "c", 100L)));
        assertThat(plan.conjunction()).hasValue("\"c\" \"b\" \"a\"");
        assertThat(plan.disjunction()).isEqualTo("\"c\" OR \"b\"");
    }

    @Test
    void onlyCommonWordsAreRequiredTogetherAndTheRarestFillsUp() {
        KeywordPlan plan = KeywordPlan.of(List.of("the", "of"), counts(Map.of("the", COMMON, "of", COMMON)));
        assertThat(plan.conjunction()).hasValue("\"the\" \"of\"");
        assertThat(plan.disjunction()).isEqualTo("\"the\"");
    }

    @Test
    void aWordInNoChunkIsNotRequiredButStaysInTheOrQuery() {
        KeywordPlan plan = KeywordPlan.of(List.of("the", "xyzzy", "retry", "jitter"),
                counts(Map.of("the", COMMON, "retry", 400L, "jitter", 30L)));
        assertThat(plan.conjunction()).hasValue("\"jitter\" \"retry\"");
        assertThat(plan.disjunction()).isEqualTo("\"xyzzy\" OR \"jitter\" OR \"retry\"");
    }

    @Test
    void operatorsStayQuotedInBothQueries() {
        KeywordPlan plan = KeywordPlan.of(FtsQuery.words("NEAR( say\"hi OR the"),
                counts(Map.of("NEAR(", 10L, "say\"hi", 20L, "OR", 30L, "the", COMMON)));
        assertThat(plan.conjunction()).hasValue("\"NEAR(\" \"say\"\"hi\" \"OR\"");
        assertThat(plan.disjunction()).isEqualTo("\"NEAR(\" OR \"say\"\"hi\" OR \"OR\"");
    }
}
