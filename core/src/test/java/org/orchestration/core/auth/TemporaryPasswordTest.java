package org.orchestration.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.UnauthorizedException;
import org.orchestration.core.testing.TestEngine;

/** Temporary passwords, activation and the API keys Settings lists, on the real engine (multi-user). */
class TemporaryPasswordTest {

    @TempDir
    static Path dir;
    static TestEngine engine;
    static UserAdminService admin;
    static User root;

    @BeforeAll
    static void start() {
        engine = TestEngine.startMultiUser(dir);
        admin = engine.services().userAdmin();
        root = engine.services().auth().register("root@example.com", "correct horse battery", "Root");
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aTemporaryPasswordSignsInAndTheOldOneNoLonger() {
        User bob = engine.services().auth().register("bob@example.com", "bob's old password", "Bob");

        String temporary = admin.resetToTemporaryPassword(root, bob.id());

        assertThat(temporary).hasSize(UserAdminService.TEMPORARY_PASSWORD_LENGTH).matches("[A-HJ-NP-Za-km-z2-9]+");
        assertThat(engine.services().auth().login("bob@example.com", temporary).user().id()).isEqualTo(bob.id());
        assertThatThrownBy(() -> engine.services().auth().login("bob@example.com", "bob's old password"))
                .isInstanceOf(UnauthorizedException.class);
        assertThat(admin.resetToTemporaryPassword(root, bob.id())).isNotEqualTo(temporary);
    }

    @Test
    void onlyAnAdminMayResetOrDeactivate() {
        User carol = engine.user(Role.USER);
        assertThatThrownBy(() -> admin.resetToTemporaryPassword(carol, root.id())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> admin.setActive(carol, root.id(), false)).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void setActiveDeactivatesAndReactivatesButNeverTheLastAdmin() {
        User dave = engine.user(Role.USER);
        assertThat(admin.setActive(root, dave.id(), false).active()).isFalse();
        assertThat(admin.setActive(root, dave.id(), true).active()).isTrue();
        assertThatThrownBy(() -> admin.setActive(root, root.id(), false)).isInstanceOf(ConflictException.class);
    }

    @Test
    void settingsListsOnlyTheKeysThatStillWork() {
        ApiKeyService keys = engine.services().apiKeys();
        CreatedApiKey kept = keys.create(root, "kept");
        CreatedApiKey revoked = keys.create(root, "revoked");
        keys.revoke(root, revoked.info().id());

        assertThat(keys.listActive(root)).extracting(ApiKeyInfo::id).contains(kept.info().id()).doesNotContain(revoked.info().id());
        assertThat(keys.list(root)).extracting(ApiKeyInfo::id).contains(revoked.info().id());
    }
}
