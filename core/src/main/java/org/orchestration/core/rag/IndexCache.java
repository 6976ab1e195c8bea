package org.orchestration.core.rag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loaded knowledge-base indexes, shared by {@code search_knowledge} and {@code lookup_type}.
 *
 * <p>Each knowledge base is in one of three states: {@link Unloaded}, {@link Loaded} or
 * {@link Failed}. The first {@link #get} loads it; concurrent first calls for the same base wait
 * for that one load (a lock per base, so other bases are not held up). A failed load is remembered
 * with its time and reason and answered from memory until {@link #RETRY_COOLDOWN} has passed; the
 * next call after that tries again, so a transient failure (file locked, out of memory) recovers
 * while a permanent one (the base was deleted) simply fails again. {@link #invalidate} forgets a
 * base after it was reindexed or deleted.
 */
public final class IndexCache {

    public static final Duration RETRY_COOLDOWN = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(IndexCache.class);

    /** Builds a base's index from storage. */
    @FunctionalInterface
    public interface Loader {
        LoadedIndex load(String kbId) throws Exception;
    }

    /** What the cache knows about one knowledge base. */
    public sealed interface State permits Unloaded, Loaded, Failed {
    }

    public record Unloaded() implements State {
    }

    public record Loaded(LoadedIndex index, Instant at) implements State {
    }

    public record Failed(Instant at, String reason) implements State {
    }

    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        volatile State state = new Unloaded();
    }

    private final Loader loader;
    private final Clock clock;
    private final Duration cooldown;
    private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

    public IndexCache(Loader loader, Clock clock) {
        this(loader, clock, RETRY_COOLDOWN);
    }

    public IndexCache(Loader loader, Clock clock, Duration cooldown) {
        this.loader = loader;
        this.clock = clock;
        this.cooldown = cooldown;
    }

    /**
     * The loaded index of {@code kbId}, loading it on first use.
     *
     * @throws IndexUnavailableException when the load fails now or failed less than the cooldown ago
     */
    public LoadedIndex get(String kbId) {
        Slot slot = slots.computeIfAbsent(kbId, k -> new Slot());
        if (slot.state instanceof Loaded loaded) {
            return loaded.index();
        }
        slot.lock.lock();
        try {
            State state = slot.state;
            if (state instanceof Loaded loaded) {
                return loaded.index();
            }
            Instant now = clock.instant();
            if (state instanceof Failed failed && now.isBefore(failed.at().plus(cooldown))) {
                throw new IndexUnavailableException(failed.reason());
            }
            try {
                LoadedIndex index = loader.load(kbId);
                slot.state = new Loaded(index, now);
                log.info("Loaded knowledge base index {} ({} chunks)", kbId, index.size());
                return index;
            } catch (Exception e) {
                String reason = "The index of knowledge base " + kbId + " could not be loaded: " + e.getMessage();
                slot.state = new Failed(clock.instant(), reason);
                log.warn("{} (retried after {} s)", reason, cooldown.toSeconds());
                throw new IndexUnavailableException(reason);
            }
        } finally {
            slot.lock.unlock();
        }
    }

    /** The current state of {@code kbId} without loading it. */
    public State state(String kbId) {
        Slot slot = slots.get(kbId);
        return slot == null ? new Unloaded() : slot.state;
    }

    /** Forgets {@code kbId}; the next {@link #get} loads it afresh. */
    public void invalidate(String kbId) {
        Slot slot = slots.remove(kbId);
        if (slot != null) {
            log.debug("Invalidated knowledge base index {}", kbId);
        }
    }
}
