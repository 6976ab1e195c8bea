package org.orchestration.core.planning;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.orchestration.core.auth.User;
import org.orchestration.core.db.Database;
import org.orchestration.core.llm.ModelRoute;
import org.orchestration.core.llm.ModelRouting;
import org.orchestration.core.llm.PriceBook;
import org.orchestration.core.llm.TokenEstimates;

/**
 * What a plan will probably cost, per task and in total, as a low/high range in micro-dollars,
 * from the price table and the tasks' token estimates, each task priced on the model it will be
 * routed to. A task whose model has no price is counted in {@link Forecast#unpricedTasks()}
 * (the budget will refuse to run it until it has one). It uses the typical estimates of
 * {@link TokenEstimates}: a forecast says what a plan will probably cost, while each call's
 * reservation is the worst case of that call.
 */
public final class CostForecast {

    /** Low end: the model writes a little less than estimated, in one round. */
    static final double LOW_OUTPUT_FACTOR = 0.75;
    /** High end: it writes half again as much ... */
    static final double HIGH_OUTPUT_FACTOR = 1.5;
    /** ... and a tool round sends the context a second time. */
    static final int HIGH_INPUT_FACTOR = 2;

    public record TaskCost(int index, String title, String provider, String model, long lowMicros, long highMicros,
                           boolean priced) {
    }

    public record Forecast(List<TaskCost> tasks, long lowMicros, long highMicros, int unpricedTasks) {

        public Forecast {
            tasks = List.copyOf(tasks);
        }
    }

    private final PlanStore plans;
    private final ModelRouting routing;
    private final PriceBook prices;

    public CostForecast(Database db, ModelRouting routing, PriceBook prices) {
        this.plans = new PlanStore(db);
        this.routing = routing;
        this.prices = prices;
    }

    /**
     * @throws org.orchestration.core.errors.NotFoundException  no such plan
     * @throws org.orchestration.core.errors.ForbiddenException not the owner nor an admin
     */
    public Forecast forecast(User actor, String planId) {
        return forecast(plans.require(actor, planId).body());
    }

    /** The forecast of a plan body (no access check: the caller already holds the plan). */
    public Forecast forecast(PlanDocument plan) {
        List<TaskCost> out = new ArrayList<>();
        long low = 0;
        long high = 0;
        int unpriced = 0;
        for (int i = 0; i < plan.tasks().size(); i++) {
            PlanTask task = plan.tasks().get(i);
            ModelRoute route = task.route(routing);
            long input = TokenEstimates.TASK_INPUT_TOKENS + task.description().length() / TokenEstimates.CHARS_PER_TOKEN;
            long output = task.estimatedTokens();
            OptionalLong lo = prices.estimateMicros(route.model(), input, Math.round(output * LOW_OUTPUT_FACTOR));
            OptionalLong hi = prices.estimateMicros(route.model(), input * HIGH_INPUT_FACTOR, Math.round(output * HIGH_OUTPUT_FACTOR));
            boolean priced = lo.isPresent() && hi.isPresent();
            long l = priced ? lo.getAsLong() : 0;
            long h = priced ? hi.getAsLong() : 0;
            if (!priced) {
                unpriced++;
            }
            low += l;
            high += h;
            out.add(new TaskCost(i, task.title(), route.provider(), route.model(), l, h, priced));
        }
        return new Forecast(out, low, high, unpriced);
    }
}
