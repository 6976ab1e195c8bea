package org.orchestration.core.api;

/** The HTTP methods the API uses (OPTIONS is answered by the CORS filter, never by a route). */
public enum ApiMethod {
    GET, POST, PATCH, DELETE
}
