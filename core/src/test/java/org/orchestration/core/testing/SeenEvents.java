package org.orchestration.core.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;

/** What one server-sent-event client (OkHttp's {@code EventSource}) saw: each event, and whether the stream opened and ended. */
public final class SeenEvents extends EventSourceListener {

    /** Each event as {id, type, data}, in arrival order. */
    public final List<String[]> events = new CopyOnWriteArrayList<>();
    public volatile boolean open;
    public volatile boolean ended;

    @Override
    public void onOpen(EventSource source, Response response) {
        open = true;
    }

    @Override
    public void onEvent(EventSource source, String id, String type, String data) {
        events.add(new String[] {id, type, data});
    }

    @Override
    public void onClosed(EventSource source) {
        ended = true;
    }

    @Override
    public void onFailure(EventSource source, Throwable t, Response response) {
        ended = true;
    }

    /** The events' ids, in arrival order. */
    public List<Long> ids() {
        return events.stream().map(e -> Long.parseLong(e[0])).toList();
    }

    /** Whether an event of {@code type} whose data contains {@code dataPart} arrived. */
    public boolean has(String type, String dataPart) {
        return events.stream().anyMatch(e -> type.equals(e[1]) && e[2].contains(dataPart));
    }
}
