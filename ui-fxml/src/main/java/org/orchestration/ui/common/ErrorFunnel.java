package org.orchestration.ui.common;

import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.orchestration.core.errors.AppException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place errors go. A core {@link AppException} becomes its message, a sentence the user
 * can act on, shown in the view that asked. Anything else is a bug: it is logged and handed to the
 * unexpected-error sink (the shell opens the global error view), and the view shows a short
 * generic sentence.
 */
public final class ErrorFunnel {

    public static final String UNEXPECTED = "Something unexpected went wrong. The details are in the error window.";
    private static final Logger LOG = LoggerFactory.getLogger(ErrorFunnel.class);

    private volatile Consumer<Throwable> unexpectedSink = t -> { };

    /** Set once by the shell (opens the global error view on the UI thread). */
    public void setUnexpectedSink(Consumer<Throwable> sink) {
        this.unexpectedSink = Objects.requireNonNull(sink);
    }

    /** The sentence to show for {@code error}; unexpected errors are also reported. */
    public String messageFor(Throwable error) {
        Throwable t = unwrap(error);
        if (t instanceof AppException app) {
            return app.getMessage();
        }
        reportUnexpected(t);
        return UNEXPECTED;
    }

    public void reportUnexpected(Throwable error) {
        Throwable t = unwrap(error);
        LOG.error("Unexpected error in the UI", t);
        unexpectedSink.accept(t);
    }

    public static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
