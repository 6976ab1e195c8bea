package org.orchestration.core.api;

/** Which bucket, if any, a route draws from before its handler runs. */
public enum RateLimitPolicy {
    NONE,
    /**
     * Login and register: limited inside the account service (per email with a growing delay, plus
     * app-wide ceilings), never by client address, because every loopback client shares one.
     * The server itself takes nothing.
     */
    ACCOUNT_SERVICE,
    /** Refresh: one bucket per client address ({@link ApiOptions#authLimit()}). */
    AUTH_PER_CLIENT,
    /** Plan generation: one bucket per signed-in user. */
    PLAN_PER_USER
}
