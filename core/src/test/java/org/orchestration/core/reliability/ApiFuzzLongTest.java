package org.orchestration.core.reliability;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The long variant of {@link ApiFuzzTest} (30,000 requests, profile only). A JUnit test drawing
 * from the same jqwik arbitrary, because surefire's tag include filter does not select jqwik
 * properties (they run, or are excluded, only as a whole class).
 */
@Tag("long")
class ApiFuzzLongTest {

    @BeforeAll
    static void start() throws Exception {
        ApiFuzzTest.start();
    }

    @AfterAll
    static void stop() throws Exception {
        ApiFuzzTest.stop();
    }

    @Test
    void manyMoreRequestsToEveryRouteAreAnsweredWithoutAServerErrorOrALeak() {
        ApiFuzzTest.arbitrary().sampleStream().limit(30000).forEach(ApiFuzzTest::sendAndCheck);
    }
}
