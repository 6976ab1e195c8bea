package org.orchestration.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianAndPercentilesInterpolateBetweenRanks() {
        Stats s = Stats.of(List.of(4, 1, 3, 2, 5));
        assertThat(s.p50()).isEqualTo(3.0);
        assertThat(s.min()).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(5.0);
        assertThat(s.iqr()).isEqualTo(2.0);
        assertThat(s.p95()).isCloseTo(4.8, within(1e-9));
    }

    @Test
    void targetsAreJudgedOnTheMedian() {
        assertThat(Metric.of("p99", "ms", Stats.of(List.of(4, 5, 6)), "<= 5").met()).isTrue();
        assertThat(Metric.of("rate", "1/s", Stats.of(List.of(1500, 1900, 2100)), ">= 2000").met()).isFalse();
        assertThat(Metric.info("x", "ms", Stats.of(List.of(1))).met()).isNull();
    }
}
