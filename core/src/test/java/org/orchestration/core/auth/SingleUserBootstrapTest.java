package org.orchestration.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.config.SettingsStore;
import org.orchestration.core.db.Database;
import org.orchestration.core.errors.UnauthorizedException;
import org.orchestration.core.testing.AuthFixtures;

class SingleUserBootstrapTest extends AuthTestBase {

    SingleUserBootstrap bootstrap;

    @Override
    AuthFixtures fixtures(Database database) {
        return new AuthFixtures(database, clock, AuthFixtures.config(AppConfig.AuthMode.SINGLE, false),
                new PasswordHasher(AuthFixtures.TEST_COST), AuthFixtures.unlimited());
    }

    @BeforeEach
    void open() {
        bootstrap = new SingleUserBootstrap(db, auth.settings(), auth.hasher(), auth.clock(), "Ada");
    }

    @Test
    void theFirstStartCreatesAnActiveAdminOwner() {
        User owner = bootstrap.ensureOwner();
        assertThat(owner.isAdmin()).isTrue();
        assertThat(owner.active()).isTrue();
        assertThat(owner.displayName()).isEqualTo("Ada");
    }

    @Test
    void laterStartsReturnTheSameOwner() {
        User first = bootstrap.ensureOwner();
        User again = new SingleUserBootstrap(db, new SettingsStore(db, auth.clock()),
                auth.hasher(), auth.clock(), "Someone else").ensureOwner();
        assertThat(again).isEqualTo(first);
        assertThat(db.queryLong("SELECT count(*) FROM users")).isEqualTo(1);
    }

    @Test
    void concurrentStartsCreateOneOwner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<User>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return bootstrap.ensureOwner();
                }));
            }
            go.countDown();
            List<User> owners = new ArrayList<>();
            for (Future<User> f : results) {
                owners.add(f.get(30, TimeUnit.SECONDS));
            }
            assertThat(owners).allMatch(o -> o.equals(owners.get(0)));
            assertThat(db.queryLong("SELECT count(*) FROM users")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theOwnersPasswordIsUnusable() {
        User owner = bootstrap.ensureOwner();
        String hash = db.queryOne("SELECT password_hash FROM users WHERE id = ?", rs -> rs.getString(1), owner.id()).orElseThrow();
        assertThat(hash).startsWith("!");
        assertThatThrownBy(() -> auth.authService().login(owner.email(), hash)).isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> auth.authService().login(owner.email(), "")).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void anExistingAdminFromMultiUserModeBecomesTheOwner() {
        User admin = auth.user(Role.ADMIN);
        auth.user(Role.USER);
        assertThat(bootstrap.ensureOwner()).isEqualTo(admin);
    }

    @Test
    void aDeactivatedOwnerIsRestoredBecauseItIsTheOnlyWayIn() {
        User owner = bootstrap.ensureOwner();
        db.update("UPDATE users SET active = 0, role = 'user' WHERE id = ?", owner.id());
        User again = bootstrap.ensureOwner();
        assertThat(again.id()).isEqualTo(owner.id());
        assertThat(again.active()).isTrue();
        assertThat(again.isAdmin()).isTrue();
    }

    @Test
    void theOwnerCanCreateAnApiKeyForRemoteClients() {
        User owner = bootstrap.ensureOwner();
        String key = auth.apiKeys().create(owner, "phone").plaintext();
        assertThat(auth.authenticator().authenticateBearer(key)).isEqualTo(owner);
    }
}
