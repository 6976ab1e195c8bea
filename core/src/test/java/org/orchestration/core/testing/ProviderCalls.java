package org.orchestration.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.orchestration.core.llm.CancellationToken;
import org.orchestration.core.llm.ProviderException;

/** Helpers for tests of provider calls: expected failures, unreachable addresses, cancellation. */
public final class ProviderCalls {

    private ProviderCalls() {
    }

    /** Runs {@code call} and returns the ProviderException it throws; fails the test if it returns. */
    public static ProviderException failureOf(Runnable call) {
        try {
            call.run();
        } catch (ProviderException e) {
            return e;
        }
        throw new AssertionError("expected a ProviderException");
    }

    /** "http://127.0.0.1:PORT" of a port nothing listens on (connection refused). */
    public static String closedPortUrl() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a cancelled call threw and how long after {@code cancel()} it returned. */
    public record Cancelled(Throwable thrown, Duration afterCancel) {
    }

    /**
     * Starts {@code call} on another thread, waits until {@code awaitInFlight} returns (e.g. the
     * fake server received the request), cancels the token and waits up to 5 s for the call to end.
     */
    public static Cancelled cancelInFlight(Consumer<CancellationToken> call, Runnable awaitInFlight) throws Exception {
        CancellationToken token = new CancellationToken();
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                call.accept(token);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        awaitInFlight.run();
        long started = System.nanoTime();
        token.cancel();
        Throwable thrown = outcome.get(5, TimeUnit.SECONDS);
        return new Cancelled(thrown, Duration.ofNanos(System.nanoTime() - started));
    }
}
