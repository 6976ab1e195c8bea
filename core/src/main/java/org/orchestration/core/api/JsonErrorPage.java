package org.orchestration.core.api;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals — headers over the limit (431), a URI too long (414), a bad, duplicate or
 * missing Host header or a malformed request line (400), an unsupported HTTP version (505), an
 * unknown expectation (417), ... — happen before any Javalin handler runs. This answers every one
 * of them with the API's {@code {"detail": ...}} shape, whatever the request's method, {@code Accept}
 * or {@code Accept-Charset} (Jetty's default page is HTML, and empty for methods other than
 * GET/POST/HEAD or for an {@code Accept} it cannot serve). Never includes the cause or a stack trace.
 */
final class JsonErrorPage extends ErrorHandler {

    /** Jetty's reasons are short fixed phrases ("Duplicate Host Header"); anything else is not shown. */
    private static final Pattern SAFE_REASON = Pattern.compile("[A-Za-z][A-Za-z0-9 ,:'/()-]{0,79}");
    private static final Pattern BAD_ESCAPE = Pattern.compile("^Bad URI %u? ?encoding");
    private static final Pattern INTERNAL = Pattern.compile("(?i)exception|error|java|jetty|\\.\\w+\\(");

    JsonErrorPage() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String reason = (String) request.getAttribute(ERROR_MESSAGE);
        if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException http) {
            status = http.getCode();
            response.setStatus(status);
            if (reason == null) {
                reason = http.getReason();
            }
        }
        response.getHeaders().put(ERROR_CACHE_CONTROL);
        if (HttpStatus.hasNoBody(status) || HttpMethod.HEAD.is(request.getMethod())) {
            callback.succeeded();
            return true;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        byte[] body = status == 400 && isBadEscape(request.getAttribute(ERROR_EXCEPTION))
                ? ApiJson.bytes(Map.of("detail", RequestGuard.MALFORMED_PATH_ESCAPE)) : body(status, reason);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    /** Jetty's URI parser says "Bad URI % encoding" / "Bad URI %u encoding" in the cause, never in the reason. */
    private static boolean isBadEscape(Object exception) {
        return exception instanceof Throwable t && t.getCause() instanceof IllegalArgumentException cause
                && cause.getMessage() != null && BAD_ESCAPE.matcher(cause.getMessage()).find();
    }

    /** The body for {@code status}; visible to tests of the wording. */
    static byte[] body(int status, String reason) {
        return ApiJson.bytes(Map.of("detail", detail(status, reason)));
    }

    static String detail(int status, String reason) {
        String base = switch (status) {
            case 400 -> "Bad request: the request line or headers are malformed.";
            case 413 -> "The request body is too large.";
            case 414 -> "The request URI is too long.";
            case 417 -> "The Expect header is not supported.";
            case 426 -> "This server speaks HTTP/1.1 only.";
            case 431 -> "The request headers are too large.";
            case 505 -> "The HTTP version is not supported; use HTTP/1.1.";
            default -> status >= 500 ? "Internal error" : HttpStatus.getMessage(status) + ".";
        };
        if (status == 400 && reason != null && SAFE_REASON.matcher(reason).matches() && !INTERNAL.matcher(reason).find()
                && !reason.equalsIgnoreCase(HttpStatus.getMessage(status))) {
            return base.substring(0, base.length() - 1) + " (" + reason + ").";
        }
        return base;
    }
}
