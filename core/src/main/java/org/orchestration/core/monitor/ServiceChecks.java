package org.orchestration.core.monitor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.orchestration.core.auth.AccessPolicy;
import org.orchestration.core.auth.User;
import org.orchestration.core.tools.Tool;
import org.orchestration.core.tools.ToolRegistry;

/**
 * "Check now" on the services screen: a fresh health check of every service (the one in flight
 * when there is one, so health and tools asked for at once share it), then the results. Global
 * information: any signed-in user may ask.
 */
public final class ServiceChecks {

    /** How long a fresh check may take before the last results are shown instead. */
    public static final Duration WAIT = ConnectionTester.TIMEOUT.multipliedBy(2);

    private final ResourceMonitor monitor;
    private final ToolRegistry tools;
    /** The latest check started here; guarded by this. */
    private CompletableFuture<?> lastCheck;

    public ServiceChecks(ResourceMonitor monitor, ToolRegistry tools) {
        this.monitor = monitor;
        this.tools = tools;
    }

    /**
     * Every service's health after a fresh check (bounded by {@link #WAIT}; the last results otherwise).
     *
     * @throws org.orchestration.core.errors.UnauthorizedException without an active user
     */
    public List<ServiceHealth> health(User actor) {
        AccessPolicy.requireUser(actor);
        awaitCheck();
        return monitor.snapshot();
    }

    /**
     * Every tool with its description, unavailable when it could not be built or its service is
     * down (after the same fresh check).
     *
     * @throws org.orchestration.core.errors.UnauthorizedException without an active user
     */
    public List<ToolState> tools(User actor) {
        AccessPolicy.requireUser(actor);
        awaitCheck();
        return ToolAvailability.of(tools, monitor).stream()
                .map(s -> new ToolState(s.name(), tools.find(s.name()).map(Tool::spec).map(spec -> spec.description()).orElse(""),
                        s.available(), s.reason()))
                .toList();
    }

    private void awaitCheck() {
        CompletableFuture<?> check;
        synchronized (this) {
            if (lastCheck == null || lastCheck.isDone()) {
                lastCheck = monitor.checkNow();
            }
            check = lastCheck;
        }
        try {
            check.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // the last results stand
        }
    }
}
