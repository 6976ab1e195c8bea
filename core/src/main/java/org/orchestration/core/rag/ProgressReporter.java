package org.orchestration.core.rag;

import org.orchestration.core.events.EventPublisher;
import org.orchestration.core.events.KnowledgeProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports one reindex's progress: the listener hears every step; a "kb.progress" event (global,
 * projectId null) is published for the first and last step and at most every 250 ms in between,
 * because events are stored and a folder of 10,000 files must not write 10,000 event rows.
 * Neither a failing listener nor a failing event log stops the indexing.
 */
final class ProgressReporter {

    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);
    private static final long EVENT_INTERVAL_NANOS = 250_000_000L;

    private final EventPublisher events;
    private final IndexProgressListener listener;
    private long lastEventNanos;
    private boolean published;

    ProgressReporter(EventPublisher events, IndexProgressListener listener) {
        this.events = events;
        this.listener = listener;
    }

    void report(IndexProgress p) {
        try {
            listener.onProgress(p);
        } catch (RuntimeException e) {
            log.warn("A progress listener failed: {}", e.toString());
        }
        long now = System.nanoTime();
        boolean edge = p.filesDone() >= p.filesTotal() || p.status() != KbStatus.INDEXING;
        if (published && !edge && now - lastEventNanos < EVENT_INTERVAL_NANOS) {
            return;
        }
        published = true;
        lastEventNanos = now;
        try {
            events.publish(new KnowledgeProgress(p.kbId(), p.filesDone(), p.filesTotal(), p.chunks(), p.status().name()));
        } catch (RuntimeException e) {
            log.warn("Publishing kb.progress failed: {}", e.toString());
        }
    }
}
