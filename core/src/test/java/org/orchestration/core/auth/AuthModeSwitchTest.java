package org.orchestration.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orchestration.core.config.AppConfig.AuthMode;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.ForbiddenException;

class AuthModeSwitchTest extends AuthTestBase {

    AuthModeSwitch modes;

    @BeforeEach
    void open() {
        modes = new AuthModeSwitch(db, auth.settings());
    }

    @Test
    void withoutAStoredChoiceConfigDecides() {
        assertThat(modes.modeAtStart(AuthMode.SINGLE, Optional.empty())).isEqualTo(AuthMode.SINGLE);
    }

    @Test
    void anAdminsChoiceAppliesAtTheNextStart() {
        User admin = auth.user(Role.ADMIN);
        modes.requestMode(admin, AuthMode.MULTI);
        assertThat(modes.modeAtStart(AuthMode.SINGLE, Optional.empty())).isEqualTo(AuthMode.MULTI);
    }

    @Test
    void theCommandLineFlagWinsOverEverything() {
        modes.requestMode(auth.user(Role.ADMIN), AuthMode.SINGLE);
        assertThat(modes.modeAtStart(AuthMode.SINGLE, Optional.of(AuthMode.MULTI))).isEqualTo(AuthMode.MULTI);
    }

    @Test
    void onlyAnAdminMayChooseTheMode() {
        assertThatThrownBy(() -> modes.requestMode(auth.user(Role.USER), AuthMode.MULTI)).isInstanceOf(ForbiddenException.class);
        assertThat(modes.stored()).isEmpty();
    }

    @Test
    void switchingToMultiUserIsRefusedWhileTheOwnerHasNoPassword() {
        User owner = new SingleUserBootstrap(db, auth.settings(), auth.hasher(), clock, "me").ensureOwner();
        assertThatThrownBy(() -> modes.requestMode(owner, AuthMode.MULTI)).isInstanceOf(ConflictException.class);
        auth.userAdmin().resetPassword(owner, owner.id(), "owner-password-1");
        modes.requestMode(owner, AuthMode.MULTI);
        assertThat(modes.stored()).contains(AuthMode.MULTI);
    }
}
