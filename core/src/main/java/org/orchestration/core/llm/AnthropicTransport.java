package org.orchestration.core.llm;

import com.anthropic.backends.AnthropicBackend;
import com.anthropic.core.RequestOptions;
import com.anthropic.core.Timeout;
import com.anthropic.core.http.Headers;
import com.anthropic.core.http.HttpClient;
import com.anthropic.core.http.HttpRequest;
import com.anthropic.core.http.HttpRequestBody;
import com.anthropic.core.http.HttpResponse;
import com.anthropic.errors.AnthropicIoException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.orchestration.core.http.HttpClients;

/**
 * The Anthropic SDK's transport, running on the engine's shared OkHttp client instead of a
 * private one the SDK would otherwise build (its own pool, dispatcher and threads). Timeouts come
 * from the SDK's request options, applied to a per-call variant of the shared client.
 *
 * <p>Cancellation: the SDK has no cancel hook for blocking calls, so the provider registers the
 * caller's {@link CancellationToken} for the duration of {@code messages().create(..)} via
 * {@link #withCancellation}; the OkHttp call made on that thread is cancelled when the token is.
 */
final class AnthropicTransport implements HttpClient {

    private final HttpClients http;
    private final AnthropicBackend backend;
    private final Duration defaultTimeout;
    private final ThreadLocal<CancellationToken> currentToken = new ThreadLocal<>();

    AnthropicTransport(HttpClients http, AnthropicBackend backend, Duration defaultTimeout) {
        this.http = http;
        this.backend = backend;
        this.defaultTimeout = defaultTimeout;
    }

    /** Runs {@code work} (a blocking SDK call on this thread) with {@code token} able to cancel its HTTP call. */
    <T> T withCancellation(CancellationToken token, Supplier<T> work) {
        CancellationToken previous = currentToken.get();
        currentToken.set(token);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                currentToken.remove();
            } else {
                currentToken.set(previous);
            }
        }
    }

    @Override
    public HttpResponse execute(HttpRequest request, RequestOptions options) {
        Call call = newCall(request, options);
        CancellationToken token = currentToken.get();
        Runnable unregister = token == null ? () -> { } : token.onCancel(call::cancel);
        try {
            return new OkResponse(call.execute(), unregister);
        } catch (IOException e) {
            unregister.run();
            throw new AnthropicIoException("Request failed", e);
        } catch (RuntimeException e) {
            unregister.run();
            throw e;
        }
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions options) {
        CompletableFuture<HttpResponse> future = new CompletableFuture<>();
        Call call = newCall(request, options);
        call.enqueue(new Callback() {
            @Override
            public void onFailure(Call c, IOException e) {
                future.completeExceptionally(new AnthropicIoException("Request failed", e));
            }

            @Override
            public void onResponse(Call c, Response response) {
                future.complete(new OkResponse(response, () -> { }));
            }
        });
        future.whenComplete((r, e) -> {
            if (future.isCancelled()) {
                call.cancel();
            }
        });
        return future;
    }

    /** Nothing to close: the shared client belongs to the application's lifecycle. */
    @Override
    public void close() {
    }

    private Call newCall(HttpRequest request, RequestOptions options) {
        HttpRequest prepared = backend.authorizeRequest(backend.prepareRequest(request));
        Timeout timeout = options.getTimeout();
        Duration callTimeout = timeout != null && timeout.request() != null ? timeout.request() : defaultTimeout;
        Duration readTimeout = timeout != null && timeout.read() != null ? timeout.read() : callTimeout;
        OkHttpClient client = http.withTimeouts(callTimeout, readTimeout);
        return client.newCall(toOkRequest(prepared));
    }

    private Request toOkRequest(HttpRequest request) {
        String base = request.baseUrl() == null || request.baseUrl().isBlank() ? backend.baseUrl() : request.baseUrl();
        HttpUrl.Builder url = HttpUrl.get(base).newBuilder();
        for (String segment : request.pathSegments()) {
            url.addPathSegment(segment);
        }
        for (String key : request.queryParams().keys()) {
            for (String value : request.queryParams().values(key)) {
                url.addQueryParameter(key, value);
            }
        }
        Request.Builder builder = new Request.Builder().url(url.build());
        Headers headers = request.headers();
        for (String name : headers.names()) {
            for (String value : headers.values(name)) {
                builder.addHeader(name, value);
            }
        }
        HttpRequestBody body = request.body();
        String method = request.method().name();
        RequestBody okBody = body == null ? null : new SdkBody(body);
        if (okBody == null && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
            okBody = RequestBody.create(new byte[0], null);
        }
        return builder.method(method, okBody).build();
    }

    /** Streams the SDK's request body into OkHttp. */
    private static final class SdkBody extends RequestBody {
        private final HttpRequestBody body;

        SdkBody(HttpRequestBody body) {
            this.body = body;
        }

        @Override
        public MediaType contentType() {
            String type = body.contentType();
            return type == null ? null : MediaType.parse(type);
        }

        @Override
        public long contentLength() {
            return body.contentLength();
        }

        @Override
        public boolean isOneShot() {
            return !body.repeatable();
        }

        @Override
        public void writeTo(BufferedSink sink) {
            body.writeTo(sink.outputStream());
        }
    }

    /** The SDK's view of an OkHttp response. Closing it releases the connection and the cancel hook. */
    private static final class OkResponse implements HttpResponse {
        private final Response response;
        private final Runnable onClose;
        private final Headers headers;

        OkResponse(Response response, Runnable onClose) {
            this.response = response;
            this.onClose = onClose;
            Headers.Builder b = Headers.builder();
            for (String name : response.headers().names()) {
                b.put(name, response.headers(name));
            }
            this.headers = b.build();
        }

        @Override
        public int statusCode() {
            return response.code();
        }

        @Override
        public Headers headers() {
            return headers;
        }

        @Override
        public InputStream body() {
            if (response.body() == null) {
                throw new UncheckedIOException(new IOException("Response has no body"));
            }
            return response.body().byteStream();
        }

        @Override
        public void close() {
            try {
                response.close();
            } finally {
                onClose.run();
            }
        }
    }
}
