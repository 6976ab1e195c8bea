package org.orchestration.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.UnauthorizedException;
import org.orchestration.core.testing.AuthFixtures;
import org.orchestration.core.testing.TestDb;

/**
 * The issue asks for this timing check: a sign-in for an unknown email must cost about as much
 * as one with a wrong password (bcrypt against a dummy hash). Generous bound, medians, cost 10.
 */
class LoginTimingTest {

    private static final int ATTEMPTS = 30;

    @TempDir
    Path dir;

    @Test
    void unknownAndKnownEmailsTakeTheSameTimeWithinTwentyPercent() {
        try (Database db = TestDb.open(dir)) {
            AuthFixtures auth = new AuthFixtures(db, Clock.systemUTC(), AuthFixtures.config(AppConfig.AuthMode.MULTI, true),
                    new PasswordHasher(10), AuthFixtures.unlimited());
            auth.user(Role.USER, "known@example.com");
            AuthService service = auth.authService();
            for (int i = 0; i < 3; i++) { // warm up the JIT and the connections
                attempt(service, "known@example.com");
                attempt(service, "unknown@example.com");
            }
            // A real leak (no dummy bcrypt for unknown emails) is a difference of 1000x, present in
            // every round; a busy shared machine can skew one round by more than 20 %. So up to three
            // rounds are measured and the check passes on the first round within the bound.
            double ratio = Double.MAX_VALUE;
            String figures = "";
            for (int round = 0; round < 3 && ratio >= 0.20; round++) {
                List<Long> known = new ArrayList<>();
                List<Long> unknown = new ArrayList<>();
                for (int i = 0; i < ATTEMPTS; i++) { // interleaved, so machine load hits both alike
                    known.add(attempt(service, "known@example.com"));
                    unknown.add(attempt(service, "unknown@example.com"));
                }
                double knownMedian = median(known);
                double unknownMedian = median(unknown);
                ratio = Math.abs(knownMedian - unknownMedian) / Math.max(knownMedian, unknownMedian);
                figures += String.format(" round %d: known %.1f ms, unknown %.1f ms;", round + 1, knownMedian / 1e6, unknownMedian / 1e6);
            }
            assertThat(ratio).as(figures).isLessThan(0.20);
        }
    }

    private static long attempt(AuthService service, String email) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> service.login(email, "wrong-password"))
                .isInstanceOf(UnauthorizedException.class);
        return System.nanoTime() - start;
    }

    private static double median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }
}
