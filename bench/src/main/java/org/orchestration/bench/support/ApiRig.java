package org.orchestration.bench.support;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.BiFunction;
import org.orchestration.core.api.ApiOptions;
import org.orchestration.core.api.ApiOptions.StreamLimits;
import org.orchestration.core.api.ApiServer;
import org.orchestration.core.api.backend.EventStream;
import org.orchestration.core.auth.ApiKeyService;
import org.orchestration.core.auth.Authenticator;
import org.orchestration.core.auth.Role;
import org.orchestration.core.auth.TokenService;
import org.orchestration.core.auth.User;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.projects.ProjectService;

/** The real API server over a real database with real token checks, one user and its access token. */
public final class ApiRig implements AutoCloseable {

    /** Open event streams the rig allows, all of them the one user's. */
    private static final int MAX_STREAMS = 256;

    public final AppConfig config;
    public final Database db;
    public final User user;
    public final TokenService tokens;
    public final ProjectService projects;
    public final ApiServer server;
    public final String accessToken;

    /** @param events builds the event stream seam from the database and the rig's user (null: streams not wired) */
    public ApiRig(Path workDir, BiFunction<Database, User, EventStream> events) throws Exception {
        config = BenchEnv.config(workDir.resolve("data"), Map.of());
        db = BenchEnv.open(config);
        Clock clock = Clock.systemUTC();
        user = BenchEnv.insertUser(db, Role.USER);
        tokens = new TokenService(db, config.auth(), clock);
        projects = new ProjectService(db, new SettingsStore(db, clock), config.planning(), config.workspacesDir(), clock);
        Authenticator authenticator = new Authenticator(tokens, new ApiKeyService(db, clock));
        // One benchmark user opens every stream, round after round: the per-user cap (meant for many
        // users) is lifted to the total so that streams of the last round, noticed as closed only at
        // their next write, do not refuse the next round's.
        server = ApiServer.start(ApiOptions.loopbackDefaults().withStreamLimits(new StreamLimits(MAX_STREAMS, MAX_STREAMS)),
                BenchApi.backend(authenticator, tokens, projects, events == null ? null : events.apply(db, user)));
        accessToken = tokens.issueAccessToken(user).token();
    }

    @Override
    public void close() {
        server.close();
        db.close();
    }
}
