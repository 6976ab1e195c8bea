package org.orchestration.core.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.orchestration.core.llm.ModelRoute;
import org.orchestration.core.testing.FixedModelRouting;
import org.orchestration.core.testing.FixedPriceBook;

class CostForecastTest {

    private final FixedPriceBook prices = new FixedPriceBook().price("simple-model", 1_000_000, 4_000_000);
    private final CostForecast forecast = new CostForecast(null, new FixedModelRouting(new ModelRoute("x", "p"), "scripted"), prices);

    @Test
    void eachTaskIsPricedOnItsRoutedModelWithALowAndHighEnd() {
        PlanTask task = PlanTask.of("A", "", "code", "simple"); // 1,000 estimated output tokens

        CostForecast.Forecast f = forecast.forecast(new PlanDocument("", List.of(), List.of(task)));

        // low: 2,000 in at $1/M + 750 out at $4/M = 2,000 + 3,000; high: 4,000 in + 1,500 out = 4,000 + 6,000
        assertThat(f.tasks().get(0).lowMicros()).isEqualTo(5_000);
        assertThat(f.tasks().get(0).highMicros()).isEqualTo(10_000);
        assertThat(f.tasks().get(0).model()).isEqualTo("simple-model");
        assertThat(f.lowMicros()).isEqualTo(5_000);
        assertThat(f.highMicros()).isEqualTo(10_000);
    }

    @Test
    void tasksOnUnpricedModelsAreCountedNotGuessed() {
        PlanTask priced = PlanTask.of("A", "", "code", "simple");
        PlanTask unpriced = PlanTask.of("B", "", "code", "complex");

        CostForecast.Forecast f = forecast.forecast(new PlanDocument("", List.of(), List.of(priced, unpriced)));

        assertThat(f.unpricedTasks()).isEqualTo(1);
        assertThat(f.tasks().get(1).priced()).isFalse();
        assertThat(f.highMicros()).isEqualTo(10_000);
    }

    @Test
    void aPinnedModelIsPricedInsteadOfTheRoutedOne() {
        PlanTask pinned = PlanTask.of("A", "", "code", "complex").withRoute(new ModelRoute("ollama", "simple-model"));

        assertThat(forecast.forecast(new PlanDocument("", List.of(), List.of(pinned))).unpricedTasks()).isZero();
    }
}
