package org.orchestration.core.api;

/** What a route needs before its handler runs. */
public enum AuthRequirement {
    /** Open: register, login, refresh, the OpenAPI document. */
    NONE,
    /** {@code Authorization: Bearer <access JWT or personal API key>}. */
    BEARER,
    /** {@code ?token=<SSE token for this project>}; the only place a token may appear in a URL. */
    SSE_TOKEN
}
