package org.orchestration.core.rag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FtsQueryTest {

    @Test
    void everyWordBecomesAQuotedStringJoinedByOr() {
        assertThat(FtsQuery.build("foo bar")).hasValue("\"foo\" OR \"bar\"");
    }

    @Test
    void innerQuotesAreDoubled() {
        assertThat(FtsQuery.build("say \"hi")).hasValue("\"say\" OR \"\"\"hi\"");
    }

    @Test
    void operatorsAreQuotedNotInterpreted() {
        assertThat(FtsQuery.build("a OR NEAR( -x title:y *")).hasValue("\"a\" OR \"OR\" OR \"NEAR(\" OR \"-x\" OR \"title:y\"");
    }

    @Test
    void queryWithoutLettersOrDigitsHasNoTerms() {
        assertThat(FtsQuery.build("% _ * \" ( ) -")).isEmpty();
        assertThat(FtsQuery.build("   ")).isEmpty();
        assertThat(FtsQuery.build(null)).isEmpty();
    }

    @Test
    void longQueriesAreCutToTheTermLimit() {
        String query = "w ".repeat(10) + String.join(" ", IntStream.range(0, 100).mapToObj(i -> "t" + i).toList());
        assertThat(FtsQuery.build(query).orElseThrow().split(" OR ")).hasSize(FtsQuery.MAX_TERMS);
    }

    @Test
    void controlCharactersSeparateWordsInsteadOfBreakingTheQuery() {
        assertThat(FtsQuery.build("a\u0000b\tc")).hasValue("\"a\" OR \"b\" OR \"c\"");
    }
}
