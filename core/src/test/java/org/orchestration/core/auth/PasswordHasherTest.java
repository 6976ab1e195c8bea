package org.orchestration.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(4);

    @Test
    void aHashMatchesItsPasswordAndNoOther() {
        String hash = hasher.hash("s3cret-password");
        assertThat(hasher.matches("s3cret-password", hash)).isTrue();
        assertThat(hasher.matches("s3cret-passworD", hash)).isFalse();
    }

    @Test
    void theSamePasswordHashesDifferentlyEachTime() {
        assertThat(hasher.hash("s3cret-password")).isNotEqualTo(hasher.hash("s3cret-password"));
    }

    @Test
    void charactersBeyondBcrypts72ByteLimitStillCount() {
        String prefix = "x".repeat(100);
        String hash = hasher.hash(prefix + "A");
        assertThat(hasher.matches(prefix + "B", hash)).isFalse();
    }

    @Test
    void anUnusableHashMatchesNoPassword() {
        String unusable = hasher.unusableHash();
        assertThat(hasher.matches("", unusable)).isFalse();
        assertThat(hasher.matches(unusable, unusable)).isFalse();
        assertThat(hasher.matches("anything", "!")).isFalse();
    }

    @Test
    void aNullPasswordNeverMatches() {
        assertThat(hasher.matches(null, hasher.hash("password1"))).isFalse();
    }

    @Test
    void aCostOutsideBcryptsRangeIsRefused() {
        assertThatThrownBy(() -> new PasswordHasher(3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PasswordHasher(32)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theProductionCostIsAtLeastTwelve() {
        assertThat(PasswordHasher.PRODUCTION_COST).isGreaterThanOrEqualTo(12);
    }

    @Test
    void aHashMadeAtALowerCostNeedsRehashing() {
        String cheap = hasher.hash("password1");
        assertThat(new PasswordHasher(5).needsRehash(cheap)).isTrue();
        assertThat(hasher.needsRehash(cheap)).isFalse();
    }
}
