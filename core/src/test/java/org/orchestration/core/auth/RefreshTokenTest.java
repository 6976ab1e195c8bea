package org.orchestration.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orchestration.core.errors.UnauthorizedException;

class RefreshTokenTest extends AuthTestBase {

    AuthService service;
    User alice;

    @BeforeEach
    void open() {
        service = auth.authService();
        alice = auth.user(Role.USER);
    }

    @Test
    void refreshingGivesANewPairAndRevokesTheOldRefreshToken() {
        TokenPair first = auth.login(alice);
        TokenPair second = service.refresh(first.refreshToken());
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertThat(auth.tokens().validateAccessToken(second.accessToken())).isEqualTo(alice);
        assertThatThrownBy(() -> service.refresh(first.refreshToken())).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void reusingARotatedTokenRevokesEverySessionOfThatUser() {
        TokenPair first = auth.login(alice);
        TokenPair second = service.refresh(first.refreshToken());
        assertThatThrownBy(() -> service.refresh(first.refreshToken())).isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> service.refresh(second.refreshToken())).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void onlyTheHashOfARefreshTokenIsStored() {
        TokenPair pair = auth.login(alice);
        String stored = db.queryOne("SELECT token_hash FROM refresh_tokens WHERE user_id = ?", rs -> rs.getString(1), alice.id())
                .orElseThrow();
        assertThat(stored).isEqualTo(Hashes.sha256Hex(pair.refreshToken())).isNotEqualTo(pair.refreshToken());
    }

    @Test
    void loggingOutRevokesTheRefreshToken() {
        TokenPair pair = auth.login(alice);
        service.logout(pair.refreshToken());
        assertThatThrownBy(() -> service.refresh(pair.refreshToken())).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void loggingOutWithAnUnknownTokenDoesNothing() {
        service.logout("garbage");
        service.logout(null);
        assertThat(db.queryLong("SELECT count(*) FROM refresh_tokens")).isZero();
    }

    @Test
    void loggingOutEverywhereEndsEverySession() {
        TokenPair one = auth.login(alice);
        TokenPair two = auth.login(alice);
        service.logoutEverywhere(alice);
        assertThatThrownBy(() -> service.refresh(one.refreshToken())).isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> service.refresh(two.refreshToken())).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void anExpiredRefreshTokenIsRejected() {
        TokenPair pair = auth.login(alice);
        clock.advance(Duration.ofDays(30).plusSeconds(1));
        assertThatThrownBy(() -> service.refresh(pair.refreshToken())).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void anAccessOrSseTokenCannotBeUsedToRefresh() {
        TokenPair pair = auth.login(alice);
        assertThatThrownBy(() -> service.refresh(pair.accessToken())).isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> service.refresh(auth.sseToken(alice, "p"))).isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> service.refresh(null)).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void aSignedRefreshTokenThatWasNeverStoredIsRejected() {
        String unstored = auth.tokens().issueRefreshToken(alice, "never-stored").token();
        assertThatThrownBy(() -> service.refresh(unstored)).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void aDeactivatedUserCannotRefresh() {
        TokenPair pair = auth.login(alice);
        db.update("UPDATE users SET active = 0 WHERE id = ?", alice.id());
        assertThatThrownBy(() -> service.refresh(pair.refreshToken())).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void expiredRefreshTokensArePurgedAndLiveOnesKept() {
        auth.login(alice);
        clock.advance(Duration.ofDays(31));
        TokenPair live = auth.login(alice);
        assertThat(service.purgeExpiredRefreshTokens()).isEqualTo(1);
        assertThat(service.refresh(live.refreshToken()).user()).isEqualTo(alice);
    }
}
