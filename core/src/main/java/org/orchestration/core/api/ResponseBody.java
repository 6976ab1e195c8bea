package org.orchestration.core.api;

import java.util.Objects;

/**
 * The Java type a route answers with: one value or a JSON array of them. {@link OpenApiDocument}
 * derives the response schema from it, so the document describes what the wire mapper writes.
 */
record ResponseBody(Class<?> type, boolean list) {

    ResponseBody {
        Objects.requireNonNull(type, "type");
    }

    static ResponseBody one(Class<?> type) {
        return new ResponseBody(type, false);
    }

    static ResponseBody listOf(Class<?> type) {
        return new ResponseBody(type, true);
    }
}
