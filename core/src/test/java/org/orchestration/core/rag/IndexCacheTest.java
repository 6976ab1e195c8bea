package org.orchestration.core.rag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.orchestration.core.errors.NotFoundException;

class IndexCacheTest {

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static LoadedIndex empty(String kbId) {
        return new LoadedIndex(kbId, "fake", 2, new long[0], new float[0], List.of());
    }

    @Test
    void concurrentFirstGetsLoadOnce() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        IndexCache cache = new IndexCache(kbId -> {
            loads.incrementAndGet();
            release.await(5, TimeUnit.SECONDS);
            return empty(kbId);
        }, Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<LoadedIndex>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<LoadedIndex> get = () -> {
                    start.await();
                    return cache.get("kb");
                };
                results.add(pool.submit(get));
            }
            start.countDown();
            release.countDown();
            LoadedIndex first = results.get(0).get(5, TimeUnit.SECONDS);
            for (Future<LoadedIndex> f : results) {
                assertThat(f.get(5, TimeUnit.SECONDS)).isSameAs(first);
            }
            assertThat(loads).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failedLoadIsNotRetriedDuringTheCooldown() {
        AtomicInteger loads = new AtomicInteger();
        MutableClock clock = new MutableClock();
        IndexCache cache = new IndexCache(kbId -> {
            loads.incrementAndGet();
            throw new IllegalStateException("database is locked");
        }, clock);
        assertThatThrownBy(() -> cache.get("kb")).isInstanceOf(IndexUnavailableException.class).hasMessageContaining("database is locked");
        clock.advance(Duration.ofSeconds(59));
        assertThatThrownBy(() -> cache.get("kb")).isInstanceOf(IndexUnavailableException.class);
        assertThat(loads).hasValue(1);
        assertThat(cache.state("kb")).isInstanceOf(IndexCache.Failed.class);
    }

    @Test
    void failedLoadRecoversAfterTheCooldown() {
        AtomicInteger loads = new AtomicInteger();
        MutableClock clock = new MutableClock();
        IndexCache cache = new IndexCache(kbId -> {
            if (loads.incrementAndGet() == 1) {
                throw new IllegalStateException("file locked");
            }
            return empty(kbId);
        }, clock);
        assertThatThrownBy(() -> cache.get("kb")).isInstanceOf(IndexUnavailableException.class);
        clock.advance(IndexCache.RETRY_COOLDOWN);
        assertThat(cache.get("kb").kbId()).isEqualTo("kb");
        assertThat(cache.state("kb")).isInstanceOf(IndexCache.Loaded.class);
    }

    @Test
    void missingKnowledgeBaseStaysFailedAfterTheCooldown() {
        MutableClock clock = new MutableClock();
        IndexCache cache = new IndexCache(kbId -> {
            throw new NotFoundException("Knowledge base " + kbId + " does not exist.");
        }, clock);
        assertThatThrownBy(() -> cache.get("gone")).isInstanceOf(IndexUnavailableException.class);
        clock.advance(Duration.ofMinutes(5));
        assertThatThrownBy(() -> cache.get("gone")).isInstanceOf(IndexUnavailableException.class).hasMessageContaining("does not exist");
        assertThat(((IndexCache.Failed) cache.state("gone")).at()).isEqualTo(clock.instant());
    }

    @Test
    void invalidateMakesTheNextGetLoadAgain() {
        AtomicInteger loads = new AtomicInteger();
        IndexCache cache = new IndexCache(kbId -> {
            loads.incrementAndGet();
            return empty(kbId);
        }, Clock.systemUTC());
        cache.get("kb");
        cache.get("kb");
        cache.invalidate("kb");
        assertThat(cache.state("kb")).isInstanceOf(IndexCache.Unloaded.class);
        cache.get("kb");
        assertThat(loads).hasValue(2);
    }
}
