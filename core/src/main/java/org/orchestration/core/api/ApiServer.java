package org.orchestration.core.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import java.util.concurrent.Executor;
import org.orchestration.core.auth.AccessPolicy;
import org.orchestration.core.auth.User;
import org.orchestration.core.config.ConfigException;
import org.orchestration.core.engine.EngineServices;
import org.orchestration.core.errors.StartupException;
import org.orchestration.core.errors.UnauthorizedException;
import org.orchestration.core.errors.ValidationException;
import org.orchestration.core.model.Bounds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The opt-in loopback HTTP/SSE API (Javalin on Jetty). Listens on 127.0.0.1 (and optionally
 * ::1) only; every endpoint comes from the route table in {@link ApiRoutes}, whose handlers call
 * the core services of {@link EngineServices} directly (the same ones the window calls).
 *
 * <p>Close it to stop: open event streams are ended, then Jetty stops.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /** What the stream handler returns: the response has been written already. */
    static final Object STREAMED = new Object();
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "::1");
    /** Jetty's request threads are named so (a thread dump, the stream-capacity test). */
    static final String HTTP_THREAD_NAME = "api-http";
    /**
     * Request threads: plenty for short requests, since event streams hold none (they are async),
     * and bounded so a burst cannot grow the process without limit.
     */
    private static final int MAX_HTTP_THREADS = 64;
    private static final int MIN_HTTP_THREADS = 4;
    private static final int HTTP_THREAD_IDLE_MILLIS = 60_000;

    private final Javalin app;
    private final List<Route> routes;
    private final EventStreamHandler eventStream;
    private final int port;

    private ApiServer(Javalin app, List<Route> routes, EventStreamHandler eventStream, int port) {
        this.app = app;
        this.routes = routes;
        this.eventStream = eventStream;
        this.port = port;
    }

    /**
     * Binds and starts the server.
     *
     * @param services   every service of the engine; the routes call them with the acting user
     * @param background runs plan generation after {@code POST /plan} has answered (owned by the
     *                   caller: shut it down after the server)
     * @throws ConfigException  when a bind address is not 127.0.0.1 or ::1 (nothing is opened)
     * @throws StartupException when the port cannot be bound (e.g. in use)
     */
    public static ApiServer start(ApiOptions options, EngineServices services, Executor background) {
        List<String> addresses = checkedBindAddresses(options.bindAddresses());
        EventStreamHandler eventStream = new EventStreamHandler(services.events(), services.tokens(), services.projects(),
                options.heartbeatInterval(), options.streamLimits());
        OpenApiHolder openApi = new OpenApiHolder();
        List<Route> routes = ApiRoutes.table(services, background, eventStream, openApi);
        openApi.document = OpenApiDocument.build(routes);

        // With an ephemeral port and two addresses, both listen on the same port so that one base URL and
        // one Host rule fit both; the port is probed once (a tiny race, acceptable for tests and benchmarks).
        int port = options.port() == 0 && addresses.size() > 1 ? freePort() : options.port();
        ApiErrors errors = new ApiErrors(options.maxBodyBytes());
        RequestGuard guard = new RequestGuard(options.corsOrigins(), options.maxBodyBytes());
        RateLimiter planLimiter = new RateLimiter(options.planLimit());

        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.http.maxRequestSize = options.maxBodyBytes();
            config.http.compressionStrategy = CompressionStrategy.NONE;
            config.http.defaultContentType = "application/json";
            QueuedThreadPool pool = new QueuedThreadPool(MAX_HTTP_THREADS, MIN_HTTP_THREADS, HTTP_THREAD_IDLE_MILLIS);
            pool.setName(HTTP_THREAD_NAME);
            config.jetty.threadPool = pool;
            config.jetty.host = addresses.get(0);
            config.jetty.port = port;
            // Javalin opens its default connector only when none is added, so with ::1 every address gets its own.
            for (String extra : addresses.size() > 1 ? addresses : List.<String>of()) {
                config.jetty.addConnector((server, httpConfig) -> {
                    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
                    connector.setHost(extra);
                    connector.setPort(port);
                    return connector;
                });
            }
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorPage()));
            config.requestLogger.http(AccessLog::log);
            config.routes.before(guard::check);
            for (Route route : routes) {
                config.routes.addHttpHandler(HandlerType.findOrCreate(route.method().name()), route.path(),
                        handler(route, services, planLimiter, options.maxBodyBytes()));
            }
            config.routes.exception(Exception.class, errors::handle);
            for (int status : new int[] {400, 404, 405, 413, 500}) {
                config.routes.error(status, errors::rewriteJavalinError);
            }
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            app.stop();
            throw new StartupException(StartupException.OTHER,
                    "The API could not listen on " + addresses + " port " + port + ": " + rootMessage(e), e);
        }
        Set<Integer> ports = new LinkedHashSet<>();
        for (var connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof NetworkConnector network) {
                ports.add(network.getLocalPort());
            }
        }
        guard.allowPorts(ports);
        ApiServer server = new ApiServer(app, routes, eventStream, ports.iterator().next());
        LOG.info("API listening on {}", server.baseUrl());
        return server;
    }

    /** The bound port (the real one when the options asked for 0). */
    public int port() {
        return port;
    }

    /** E.g. {@code http://127.0.0.1:8765} — what Settings shows for copying. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The route table, for the route-table test and diagnostics. */
    public List<Route> routes() {
        return routes;
    }

    /** Event streams currently open (each holds one subscription). */
    public int openEventStreams() {
        return eventStream.openStreams();
    }

    @Override
    public void close() {
        eventStream.stopAll();
        app.stop();
    }

    private static Handler handler(Route route, EngineServices services, RateLimiter planLimiter, long maxBodyBytes) {
        return ctx -> {
            User user = switch (route.auth()) {
                case NONE -> null;
                case BEARER -> bearerUser(ctx, services);
                case SSE_TOKEN -> sseUser(ctx, services);
            };
            if (route.rateLimit() == RateLimitPolicy.PLAN_PER_USER) {
                planLimiter.acquire(user.id());
            }
            ApiRequest request = new ApiRequest(ctx, user, maxBodyBytes);
            if (route.requestSchema() == null) {
                request.requireNoBody();
            }
            Object result = route.handler().handle(request);
            if (result == STREAMED) {
                return;
            }
            if (result == null || route.successStatus() == 204) {
                ctx.status(route.successStatus() == 204 ? 204 : route.successStatus());
                return;
            }
            ApiJson.write(ctx, route.successStatus(), result);
        };
    }

    private static User bearerUser(Context ctx, EngineServices services) {
        if (ctx.queryParam("token") != null || ctx.queryParam("access_token") != null) {
            throw new ValidationException("token", "Tokens are not accepted in the URL; send Authorization: Bearer <token>.");
        }
        String header = ctx.header("Authorization");
        if (header == null || header.length() < 8 || !header.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            throw new UnauthorizedException("Send Authorization: Bearer <access token or API key>.");
        }
        String token = header.substring(7).trim();
        if (token.isEmpty() || token.length() > Bounds.TOKEN_MAX) {
            throw new UnauthorizedException("Send Authorization: Bearer <access token or API key>.");
        }
        return requireUser(services.authenticator().authenticateBearer(token));
    }

    private static User sseUser(Context ctx, EngineServices services) {
        String token = ctx.queryParam("token");
        if (token == null || token.isBlank() || token.length() > Bounds.TOKEN_MAX) {
            throw new UnauthorizedException("The event stream needs ?token=<SSE token> from POST /api/events/{project_id}/token.");
        }
        return requireUser(services.tokens().validateSseToken(token, ctx.pathParam("project_id")));
    }

    /** A deactivated user is 401 too, whatever the credential said. */
    private static User requireUser(User user) {
        return AccessPolicy.requireUser(user);
    }

    private static List<String> checkedBindAddresses(List<String> addresses) {
        if (addresses.isEmpty()) {
            throw new ConfigException("api: no bind address given (use 127.0.0.1)");
        }
        for (String address : addresses) {
            String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
            if (!LOOPBACK.contains(bare)) {
                throw new ConfigException("api: refusing to listen on \"" + address
                        + "\"; the API binds to 127.0.0.1 or ::1 only, so it is never reachable from the network");
            }
        }
        return addresses.stream()
                .map(a -> a.startsWith("[") ? a.substring(1, a.length() - 1) : a)
                .distinct().toList();
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new StartupException(StartupException.OTHER, "The API could not find a free loopback port: " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Lets the openapi route serve a document built from the table that contains it. */
    private static final class OpenApiHolder implements Supplier<JsonNode> {
        private volatile JsonNode document;

        @Override
        public JsonNode get() {
            return document;
        }
    }
}
