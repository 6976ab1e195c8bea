package org.orchestration.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orchestration.core.errors.ForbiddenException;
import org.orchestration.core.errors.NotFoundException;
import org.orchestration.core.errors.UnauthorizedException;
import org.orchestration.core.errors.ValidationException;

class ApiKeyServiceTest extends AuthTestBase {

    ApiKeyService keys;
    User alice;

    @BeforeEach
    void open() {
        keys = auth.apiKeys();
        alice = auth.user(Role.USER);
    }

    @Test
    void aNewKeyIsShownOnceAndOnlyItsHashAndPrefixAreStored() {
        CreatedApiKey created = keys.create(alice, "laptop script");
        assertThat(created.plaintext()).startsWith("oe_").hasSizeGreaterThan(40);
        assertThat(created.info().prefix()).isEqualTo(created.plaintext().substring(0, 10));
        assertThat(created.toString()).doesNotContain(created.plaintext());
        String stored = db.queryOne("SELECT key_hash || '|' || prefix || '|' || name FROM api_keys", rs -> rs.getString(1)).orElseThrow();
        assertThat(stored).doesNotContain(created.plaintext()).startsWith(Hashes.sha256Hex(created.plaintext()));
        assertThat(keys.list(alice)).singleElement().satisfies(info -> {
            assertThat(info.name()).isEqualTo("laptop script");
            assertThat(info.lastUsedAt()).isEmpty();
        });
    }

    @Test
    void aKeyAuthenticatesItsOwnerAndRecordsWhenItWasUsed() {
        CreatedApiKey created = keys.create(alice, "ci");
        assertThat(keys.authenticate(created.plaintext())).isEqualTo(alice);
        assertThat(keys.list(alice).get(0).lastUsedAt()).contains(clock.instant());
    }

    @Test
    void lastUsedIsWrittenAtMostOnceAMinute() {
        CreatedApiKey created = keys.create(alice, "ci");
        keys.authenticate(created.plaintext());
        var first = clock.instant();
        clock.advance(Duration.ofSeconds(30));
        keys.authenticate(created.plaintext());
        assertThat(keys.list(alice).get(0).lastUsedAt()).contains(first);
        clock.advance(Duration.ofSeconds(30));
        keys.authenticate(created.plaintext());
        assertThat(keys.list(alice).get(0).lastUsedAt()).contains(clock.instant());
    }

    @Test
    void aRevokedKeyIsRejected() {
        CreatedApiKey created = keys.create(alice, "old");
        keys.revoke(alice, created.info().id());
        assertThatThrownBy(() -> keys.authenticate(created.plaintext())).isInstanceOf(UnauthorizedException.class);
        assertThat(keys.list(alice).get(0).revoked()).isTrue();
    }

    @Test
    void unknownAndMalformedKeysAreRejected() {
        keys.create(alice, "real");
        assertThatThrownBy(() -> keys.authenticate("oe_made-up")).isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> keys.authenticate("no-prefix")).isInstanceOf(UnauthorizedException.class);
        assertThatThrownBy(() -> keys.authenticate(null)).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void anotherUserCannotRevokeMyKeyButAnAdminCan() {
        CreatedApiKey created = keys.create(alice, "mine");
        User mallory = auth.user(Role.USER);
        assertThatThrownBy(() -> keys.revoke(mallory, created.info().id())).isInstanceOf(ForbiddenException.class);
        assertThat(keys.authenticate(created.plaintext())).isEqualTo(alice);
        keys.revoke(auth.user(Role.ADMIN), created.info().id());
        assertThatThrownBy(() -> keys.authenticate(created.plaintext())).isInstanceOf(UnauthorizedException.class);
    }

    @Test
    void revokingAMissingKeyIsNotFound() {
        assertThatThrownBy(() -> keys.revoke(alice, "no-such-key")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void eachUserListsOnlyTheirOwnKeys() {
        keys.create(alice, "alice's");
        User bob = auth.user(Role.USER);
        keys.create(bob, "bob's");
        assertThat(keys.list(alice)).extracting(ApiKeyInfo::name).containsExactly("alice's");
    }

    @Test
    void aKeyNeedsAValidNameAndAnActor() {
        assertThatThrownBy(() -> keys.create(alice, "  ")).isInstanceOfSatisfying(ValidationException.class,
                e -> assertThat(e.field()).contains("name"));
        assertThatThrownBy(() -> keys.create(null, "x")).isInstanceOf(UnauthorizedException.class);
        assertThat(db.queryLong("SELECT count(*) FROM api_keys")).isZero();
    }
}
