package org.orchestration.core.api;

/** Which bucket, if any, a route draws from before its handler runs. */
public enum RateLimitPolicy {
    /**
     * No bucket. Refresh is one of these: a refresh token is signed and checked against the
     * database, so it cannot be guessed, and a per-address bucket would let any local program
     * (every loopback client shares the address) make everyone's refresh fail.
     */
    NONE,
    /**
     * Login and register: limited inside the account service (per email with a growing delay, plus
     * app-wide ceilings), never by client address, because every loopback client shares one.
     * The server itself takes nothing.
     */
    ACCOUNT_SERVICE,
    /** Plan generation: one bucket per signed-in user. */
    PLAN_PER_USER
}
