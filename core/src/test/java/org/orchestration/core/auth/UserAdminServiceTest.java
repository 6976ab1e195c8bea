package org.orchestration.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orchestration.core.errors.ConflictException;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.errors.UnauthorizedException;
import org.orchestration.core.errors.ValidationException;

class UserAdminServiceTest extends AuthTestBase {

    UserAdminService admin;
    User root;
    User alice;

    @BeforeEach
    void open() {
        admin = auth.userAdmin();
        root = auth.user(Role.ADMIN);
        alice = auth.user(Role.USER);
    }

    @Test
    void deactivationKillsRefreshTokensApiKeysAndAccessTokensAtOnce() {
        TokenPair session = auth.login(alice);
        String key = auth.apiKey(alice);
        admin.deactivate(root, alice.id());
        assertThatThrownBy(() -> auth.authService().refresh(session.refreshToken())).isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> auth.apiKeys().authenticate(key)).isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> auth.tokens().validateAccessToken(session.accessToken())).isInstanceOf(UnauthorizedException.class);
        assertThat(db.queryLong("SELECT count(*) FROM refresh_tokens WHERE user_id = ? AND revoked_at IS NULL", alice.id())).isZero();
        assertThat(db.queryLong("SELECT count(*) FROM api_keys WHERE user_id = ? AND revoked_at IS NULL", alice.id())).isZero();
    }

    @Test
    void aReactivatedUserCanSignInAgainButOldKeysStayRevoked() {
        String key = auth.apiKey(alice);
        admin.deactivate(root, alice.id());
        assertThat(admin.reactivate(root, alice.id()).active()).isTrue();
        assertThat(auth.login(alice).user().id()).isEqualTo(alice.id());
        assertThatThrownBy(() -> auth.apiKeys().authenticate(key)).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void theLastActiveAdminCannotBeDeactivated() {
        assertThatThrownBy(() -> admin.deactivate(root, root.id())).isInstanceOf(ConflictException.class);
        assertThat(admin.listUsers(root)).filteredOn(a -> a.user().id().equals(root.id()))
                .singleElement().satisfies(a -> assertThat(a.user().active()).isTrue());
    }

    @Test
    void anAdminMayBeDeactivatedWhileAnotherAdminRemains() {
        User second = auth.user(Role.ADMIN);
        assertThat(admin.deactivate(root, second.id()).active()).isFalse();
    }

    @Test
    void theLastActiveAdminCannotBeDemoted() {
        assertThatThrownBy(() -> admin.changeRole(root, root.id(), Role.USER)).isInstanceOf(ConflictException.class);
    }

    @Test
    void promotingAUserMakesThemAnAdmin() {
        assertThat(admin.changeRole(root, alice.id(), Role.ADMIN).isAdmin()).isTrue();
        assertThat(admin.changeRole(root, root.id(), Role.USER).isAdmin()).isFalse();
    }

    @Test
    void aDemotedAdminsOldSessionObjectIsNoLongerAnAdmin() {
        User other = auth.user(Role.ADMIN);
        admin.changeRole(other, root.id(), Role.USER);
        assertThatThrownBy(() -> admin.listUsers(root)).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void plainUsersCannotManageUsers() {
        assertThatThrownBy(() -> admin.listUsers(alice)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> admin.deactivate(alice, root.id())).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> admin.resetPassword(alice, root.id(), "new-password-1")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> admin.setRegistrationOpen(alice, false)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> admin.changeRole(alice, alice.id(), Role.ADMIN)).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> admin.listUsers(null)).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void resettingAPasswordReplacesItAndEndsTheUsersSessions() {
        TokenPair session = auth.login(alice);
        admin.resetPassword(root, alice.id(), "brand-new-pass");
        assertThatThrownBy(() -> auth.authService().refresh(session.refreshToken())).isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> auth.login(alice)).isInstanceOf(UnauthorizedException.class);
        assertThat(auth.authService().login(alice.email(), "brand-new-pass").user().id()).isEqualTo(alice.id());
    }

    @Test
    void aResetPasswordMustFollowThePasswordRules() {
        assertThatThrownBy(() -> admin.resetPassword(root, alice.id(), "short"))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).contains("password"));
    }

    @Test
    void registrationCanBeClosedAndReopened() {
        admin.setRegistrationOpen(root, false);
        assertThat(admin.isRegistrationOpen(root)).isFalse();
        admin.setRegistrationOpen(root, true);
        assertThat(auth.authService().isRegistrationOpen()).isTrue();
    }

    @Test
    void theEmailCanBeChangedButNotToAnotherAccountsEmail() {
        assertThat(admin.changeEmail(root, root.id(), "Root@Example.org").email()).isEqualTo("root@example.org");
        assertThatThrownBy(() -> admin.changeEmail(root, root.id(), alice.email())).isInstanceOf(ValidationException.class);
    }

    @Test
    void unknownUsersAreNotFound() {
        assertThatThrownBy(() -> admin.deactivate(root, "nobody")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> admin.resetPassword(root, "nobody", "long-enough-1")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theUserListShowsEveryAccountWithoutPasswords() {
        assertThat(admin.listUsers(root)).extracting(a -> a.user().id()).containsExactly(root.id(), alice.id());
    }
}
