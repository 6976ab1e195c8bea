package org.orchestration.core.api;

import java.time.Duration;
import java.util.List;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.ConfigException;

/**
 * How the API server listens and protects itself.
 *
 * @param bindAddresses      {@code 127.0.0.1} and optionally {@code ::1}; anything else is refused at start
 * @param port               0 picks a free port (tests); {@link ApiServer#port()} tells which
 * @param corsOrigins        exact origins (e.g. {@code http://localhost:5173}) allowed to call from a browser; empty = none
 * @param maxBodyBytes       larger request bodies get 413
 * @param heartbeatInterval  how often an idle event stream sends a comment line
 * @param planLimit          plan generations per user
 * @param streamLimits       open event streams per user and in total
 */
public record ApiOptions(List<String> bindAddresses, int port, List<String> corsOrigins, long maxBodyBytes,
                         Duration heartbeatInterval, Limit planLimit, StreamLimits streamLimits) {

    public static final long ONE_MEGABYTE = 1024L * 1024L;

    /** {@code requests} per {@code period}, refilled gradually. */
    public record Limit(int requests, Duration period) {
    }

    /**
     * Open event streams allowed: {@code perUser} for one account (the next gets 429) and
     * {@code total} for the whole server (the next gets 503). Streams hold no thread, only a
     * subscription and a bounded queue, so these bound memory and fan-out work.
     */
    public record StreamLimits(int perUser, int total) {

        public static final StreamLimits DEFAULTS = new StreamLimits(16, 256);

        public StreamLimits {
            if (perUser < 1 || total < perUser) {
                throw new ConfigException("api: stream limits need at least 1 per user and a total no smaller (were "
                        + perUser + " per user, " + total + " in total)");
            }
        }
    }

    public ApiOptions {
        bindAddresses = List.copyOf(bindAddresses);
        corsOrigins = List.copyOf(corsOrigins);
        if (port < 0 || port > 65535) {
            throw new ConfigException("api.port must be between 0 and 65535 (was " + port + ")");
        }
        if (maxBodyBytes <= 0 || heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new ConfigException("api: the body limit and the heartbeat interval must be positive");
        }
        if (streamLimits == null) {
            throw new ConfigException("api: stream limits are required");
        }
        if (planLimit.requests() < 1) {
            throw new ConfigException("api: rate limits must allow at least one request");
        }
    }

    /** The defaults for a configured app: 127.0.0.1 on the configured port, 1 MB bodies, 15 s heartbeats. */
    public static ApiOptions from(AppConfig config) {
        return new ApiOptions(List.of("127.0.0.1"), config.api().port(), config.api().corsOrigins(), ONE_MEGABYTE,
                Duration.ofSeconds(15), new Limit(5, Duration.ofMinutes(1)),
                new StreamLimits(config.api().maxStreamsPerUser(), config.api().maxStreams()));
    }

    /** Defaults on an ephemeral port with no CORS origins (tests, benchmarks). */
    public static ApiOptions loopbackDefaults() {
        return new ApiOptions(List.of("127.0.0.1"), 0, List.of(), ONE_MEGABYTE, Duration.ofSeconds(15),
                new Limit(5, Duration.ofMinutes(1)), StreamLimits.DEFAULTS);
    }

    public ApiOptions withBindAddresses(List<String> addresses) {
        return new ApiOptions(addresses, port, corsOrigins, maxBodyBytes, heartbeatInterval, planLimit, streamLimits);
    }

    public ApiOptions withPort(int newPort) {
        return new ApiOptions(bindAddresses, newPort, corsOrigins, maxBodyBytes, heartbeatInterval, planLimit, streamLimits);
    }

    public ApiOptions withCorsOrigins(List<String> origins) {
        return new ApiOptions(bindAddresses, port, origins, maxBodyBytes, heartbeatInterval, planLimit, streamLimits);
    }

    public ApiOptions withHeartbeatInterval(Duration interval) {
        return new ApiOptions(bindAddresses, port, corsOrigins, maxBodyBytes, interval, planLimit, streamLimits);
    }

    public ApiOptions withPlanLimit(Limit limit) {
        return new ApiOptions(bindAddresses, port, corsOrigins, maxBodyBytes, heartbeatInterval, limit, streamLimits);
    }

    public ApiOptions withStreamLimits(StreamLimits limits) {
        return new ApiOptions(bindAddresses, port, corsOrigins, maxBodyBytes, heartbeatInterval, planLimit, limits);
    }
}
