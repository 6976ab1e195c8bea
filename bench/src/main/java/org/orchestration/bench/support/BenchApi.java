package org.orchestration.bench.support;

import java.lang.reflect.Proxy;
import org.orchestration.core.api.backend.ApiBackend;
import org.orchestration.core.api.backend.AuthApi;
import org.orchestration.core.api.backend.EventStream;
import org.orchestration.core.api.backend.EventsApi;
import org.orchestration.core.api.backend.ExecutionApi;
import org.orchestration.core.api.backend.KnowledgeApi;
import org.orchestration.core.api.backend.PlanApi;
import org.orchestration.core.api.backend.ProjectApi;
import org.orchestration.core.api.backend.ProjectCreate;
import org.orchestration.core.api.backend.ProjectUpdate;
import org.orchestration.core.api.backend.ServicesApi;
import org.orchestration.core.api.backend.SettingsApi;
import org.orchestration.core.api.backend.TaskApi;
import org.orchestration.core.api.backend.UsageApi;
import org.orchestration.core.auth.Authenticator;
import org.orchestration.core.auth.TokenService;
import org.orchestration.core.auth.User;
import org.orchestration.core.projects.ProjectService;

/**
 * The API's seams for the api and sse scenarios: authentication, SSE tokens and projects are the
 * real services (what those routes cost is what is measured); the event stream is given by the
 * scenario; every other seam answers "not wired in the bench" (a 500 if a scenario ever called it).
 */
public final class BenchApi {

    private BenchApi() {
    }

    public static ApiBackend backend(Authenticator authenticator, TokenService tokens, ProjectService projects, EventStream events) {
        ProjectApi projectApi = new ProjectApi() {
            @Override
            public Object listProjects(User actor) {
                return projects.list(actor);
            }

            @Override
            public Object createProject(User actor, ProjectCreate request) {
                return projects.create(actor, request.name(), request.requirements());
            }

            @Override
            public Object getProject(User actor, String projectId) {
                return projects.get(actor, projectId);
            }

            @Override
            public Object updateProject(User actor, String projectId,
                                        ProjectUpdate request) {
                throw new UnsupportedOperationException("not wired in the bench");
            }

            @Override
            public void deleteProject(User actor, String projectId) {
                projects.delete(actor, projectId);
            }
        };
        return new ApiBackend(authenticator::authenticateBearer, tokens::validateSseToken,
                unwired(AuthApi.class), projectApi, unwired(PlanApi.class), unwired(ExecutionApi.class), unwired(TaskApi.class),
                unwired(UsageApi.class), unwired(KnowledgeApi.class), unwired(SettingsApi.class), unwired(ServicesApi.class),
                unwired(EventsApi.class), events == null ? unwired(EventStream.class) : events);
    }

    private static <T> T unwired(Class<T> seam) {
        return seam.cast(Proxy.newProxyInstance(seam.getClassLoader(), new Class<?>[] {seam}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "toString" -> "unwired " + seam.getSimpleName();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> null;
                };
            }
            throw new UnsupportedOperationException(seam.getSimpleName() + "." + method.getName() + " is not wired in the bench");
        }));
    }
}
