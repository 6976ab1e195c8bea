package org.orchestration.core.api;

/** Which bucket, if any, a route draws from before its handler runs. */
public enum RateLimitPolicy {
    NONE,
    /** Login and register: one bucket per client address. */
    AUTH_PER_CLIENT,
    /** Plan generation: one bucket per signed-in user. */
    PLAN_PER_USER
}
