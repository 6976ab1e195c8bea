package org.orchestration.core.api.backend;

import java.util.Objects;

/**
 * Everything the API calls, one small interface per area. The composition root builds this from
 * the real services (see docs/parts/api.md); tests build it from in-memory fakes.
 */
public record ApiBackend(
        BearerAuthenticator bearerAuthenticator,
        SseTokenVerifier sseTokenVerifier,
        AuthApi auth,
        ProjectApi projects,
        PlanApi plans,
        ExecutionApi execution,
        TaskApi tasks,
        UsageApi usage,
        KnowledgeApi knowledge,
        SettingsApi settings,
        ServicesApi services,
        EventsApi events,
        EventStream eventStream) {

    public ApiBackend {
        Objects.requireNonNull(bearerAuthenticator, "bearerAuthenticator");
        Objects.requireNonNull(sseTokenVerifier, "sseTokenVerifier");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(projects, "projects");
        Objects.requireNonNull(plans, "plans");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(knowledge, "knowledge");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(services, "services");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(eventStream, "eventStream");
    }
}
