package org.orchestration.core.api;

import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request: method, path, status, time. Never the query string (SSE tokens travel
 * there) and never a header, so no token can end up in a log file.
 */
final class AccessLog {

    /** Logger name, so operators can route or silence access lines. */
    static final String LOGGER_NAME = "org.orchestration.core.api.access";

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER_NAME);

    private AccessLog() {
    }

    static void log(Context ctx, Float millis) {
        if (LOG.isInfoEnabled()) {
            LOG.info("{} {} {} {}ms", ctx.method(), ctx.path(), ctx.statusCode(), millis == null ? 0 : Math.round(millis));
        }
    }
}
