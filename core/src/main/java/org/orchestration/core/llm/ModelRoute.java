package org.orchestration.core.llm;

/** Which provider (by {@link ChatProvider#id()}) and model a call goes to. */
public record ModelRoute(String provider, String model) {
}
