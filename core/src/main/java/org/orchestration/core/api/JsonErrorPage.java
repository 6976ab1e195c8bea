package org.orchestration.core.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals (header too large, unparseable request line or path) come before any
 * Javalin handler runs; this gives them the API's {@code {"detail": ...}} shape instead of an
 * HTML page. Never includes the cause or a stack trace.
 */
final class JsonErrorPage extends ErrorHandler {

    JsonErrorPage() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    protected boolean generateAcceptableResponse(Request request, Response response, Callback callback, String contentType,
                                                 List<Charset> charsets, int code, String message, Throwable cause)
            throws IOException {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code)), callback);
        return true;
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        return ByteBuffer.wrap(body(status));
    }

    private static byte[] body(int status) {
        String detail = switch (status) {
            case 431 -> "The request headers are too large.";
            case 414 -> "The request URI is too long.";
            case 400 -> "Bad request.";
            default -> io.javalin.http.HttpStatus.forStatus(status).getMessage();
        };
        return ApiJson.bytes(Map.of("detail", detail));
    }
}
