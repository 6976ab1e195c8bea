package org.orchestration.core.events;

/**
 * {@code kb.progress} (global): a knowledge base's reindex progressed. {@code status} is a
 * {@code core.rag.KbStatus} name, a string here because rag depends on events, not the reverse.
 */
public record KnowledgeProgress(String kbId, int filesDone, int filesTotal, int chunks, String status) implements EngineEvent {

    @Override
    public String projectId() {
        return null;
    }
}
