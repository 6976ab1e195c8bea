package org.orchestration.core.reliability;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The long variant of {@link WiredApiFuzzTest} (10,000 requests, profile only). A JUnit test drawing
 * from the same jqwik arbitrary, because surefire's tag include filter does not select jqwik
 * properties (they run, or are excluded, only as a whole class).
 */
@Tag("long")
class WiredApiFuzzLongTest {

    @BeforeAll
    static void start() throws Exception {
        WiredApiFuzzTest.start();
    }

    @AfterAll
    static void stop() throws Exception {
        WiredApiFuzzTest.stop();
    }

    @Test
    void manyMoreRequestsToEveryRouteAreAnsweredWithoutAServerErrorOrALeak() {
        WiredApiFuzzTest.arbitrary().sampleStream().limit(10000).forEach(WiredApiFuzzTest::sendAndCheck);
    }
}
