package org.orchestration.core.api;

/** Turns a checked request into a response body (serialised as JSON), or null for an empty body. */
@FunctionalInterface
public interface RouteHandler {

    Object handle(ApiRequest request) throws Exception;
}
