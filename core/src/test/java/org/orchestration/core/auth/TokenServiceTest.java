package org.orchestration.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTCreator;
import com.auth0.jwt.algorithms.Algorithm;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orchestration.core.config.AppConfig;
import org.orchestration.core.errors.UnauthorizedException;
import org.orchestration.core.testing.AuthFixtures;

class TokenServiceTest extends AuthTestBase {

    TokenService tokens;
    User alice;

    @BeforeEach
    void open() {
        tokens = auth.tokens();
        alice = auth.user(Role.USER);
    }

    @Test
    void anAccessTokenIdentifiesItsUser() {
        assertThat(tokens.validateAccessToken(auth.accessToken(alice))).isEqualTo(alice);
    }

    @Test
    void anAccessTokenIsAcceptedUntilFifteenMinutesAndNotAfter() {
        String token = auth.accessToken(alice);
        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(tokens.validateAccessToken(token)).isEqualTo(alice);
        clock.advance(Duration.ofSeconds(2));
        assertRejected(() -> tokens.validateAccessToken(token));
    }

    @Test
    void aRefreshTokenIsNotAnAccessToken() {
        TokenPair pair = auth.login(alice);
        assertRejected(() -> tokens.validateAccessToken(pair.refreshToken()));
    }

    @Test
    void anSseTokenIsNotAnAccessToken() {
        assertRejected(() -> tokens.validateAccessToken(auth.sseToken(alice, "project-1")));
    }

    @Test
    void anSseTokenOpensOnlyItsOwnProjectsStream() {
        String sse = auth.sseToken(alice, "project-1");
        assertThat(tokens.validateSseToken(sse, "project-1")).isEqualTo(alice);
        assertRejected(() -> tokens.validateSseToken(sse, "project-2"));
        assertRejected(() -> tokens.validateSseToken(sse, null));
    }

    @Test
    void anSseTokenExpiresAfterSixtySeconds() {
        String sse = auth.sseToken(alice, "project-1");
        clock.advance(Duration.ofSeconds(61));
        assertRejected(() -> tokens.validateSseToken(sse, "project-1"));
    }

    @Test
    void anAccessTokenIsNotAnSseToken() {
        assertRejected(() -> tokens.validateSseToken(auth.accessToken(alice), "project-1"));
    }

    @Test
    void aTamperedPayloadIsRejected() {
        User bob = auth.user(Role.ADMIN);
        String[] parts = auth.accessToken(alice).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(alice.id(), bob.id());
        String forged = parts[0] + "." + base64(payload) + "." + parts[2];
        assertRejected(() -> tokens.validateAccessToken(forged));
    }

    @Test
    void aTamperedSignatureIsRejected() {
        String token = auth.accessToken(alice);
        char last = token.charAt(token.length() - 2);
        String forged = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        assertRejected(() -> tokens.validateAccessToken(forged));
    }

    @Test
    void anUnsignedAlgNoneTokenIsRejected() {
        String[] parts = auth.accessToken(alice).split("\\.");
        String none = base64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        assertRejected(() -> tokens.validateAccessToken(none));
        assertRejected(() -> tokens.validateAccessToken(claimsFor(alice).sign(Algorithm.none())));
    }

    @Test
    void aTokenSignedWithAnotherHmacAlgorithmOnTheSameSecretIsRejected() {
        String hs512 = claimsFor(alice).sign(Algorithm.HMAC512(AuthFixtures.SECRET.getBytes(StandardCharsets.UTF_8)));
        assertRejected(() -> tokens.validateAccessToken(hs512));
    }

    @Test
    void aTokenSignedWithRsaIsRejected() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        String rs256 = claimsFor(alice).sign(Algorithm.RSA256((RSAPublicKey) keys.getPublic(), (RSAPrivateKey) keys.getPrivate()));
        assertRejected(() -> tokens.validateAccessToken(rs256));
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRejected() {
        String other = claimsFor(alice).sign(Algorithm.HMAC256("another-secret-of-enough-length-0123456789"));
        assertRejected(() -> tokens.validateAccessToken(other));
    }

    @Test
    void theSameClaimsSignedWithTheRightSecretAreAccepted() {
        // proves the forged-token tests above fail for their algorithm or key, not their claims
        String genuine = claimsFor(alice).sign(Algorithm.HMAC256(AuthFixtures.SECRET.getBytes(StandardCharsets.UTF_8)));
        assertThat(tokens.validateAccessToken(genuine)).isEqualTo(alice);
    }

    @Test
    void garbageMissingAndBlankTokensAreRejected() {
        assertRejected(() -> tokens.validateAccessToken("not.a.jwt"));
        assertRejected(() -> tokens.validateAccessToken("garbage"));
        assertRejected(() -> tokens.validateAccessToken(""));
        assertRejected(() -> tokens.validateAccessToken(null));
    }

    @Test
    void aTokenOfADeactivatedUserIsRejectedAtOnce() {
        String token = auth.accessToken(alice);
        auth.userAdmin().deactivate(auth.user(Role.ADMIN), alice.id());
        assertRejected(() -> tokens.validateAccessToken(token));
    }

    @Test
    void aTokenOfAnUnknownUserIsRejected() {
        User ghost = new User("no-such-id", "ghost@example.com", "Ghost", Role.ADMIN, true);
        assertRejected(() -> tokens.validateAccessToken(auth.accessToken(ghost)));
    }

    @Test
    void aSecretShorterThanThirtyTwoCharactersIsRefused() {
        var config = new AppConfig.Auth(AppConfig.AuthMode.MULTI,
                "short", Duration.ofMinutes(15), Duration.ofDays(30), Duration.ofSeconds(60), true);
        assertThatThrownBy(() -> new TokenService(db, config, clock)).isInstanceOf(IllegalArgumentException.class);
    }

    private JWTCreator.Builder claimsFor(User user) {
        Instant now = clock.instant();
        return JWT.create().withIssuer(TokenService.ISSUER).withSubject(user.id()).withClaim("type", "access")
                .withJWTId("x").withIssuedAt(now).withExpiresAt(now.plusSeconds(600));
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRejected(Runnable check) {
        assertThatThrownBy(check::run).isInstanceOf(UnauthorizedException.class);
    }
}
