package org.orchestration.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.orchestration.core.errors.ValidationException;

class AccountRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"abc", "@", "a@b", "a@", "@example.com", "a b@example.com", "user@localhost",
            "user@exa mple.com", "user@@example.com"})
    void malformedEmailsAreRejectedNamingTheEmailField(String email) {
        assertRejected(() -> AccountRules.email(email), "email");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void missingEmailsAreRejected(String email) {
        assertRejected(() -> AccountRules.email(email), "email");
    }

    @Test
    void aRealAddressIsAccepted() {
        assertThat(AccountRules.email("user@example.com")).isEqualTo("user@example.com");
    }

    @Test
    void emailsAreTrimmedAndLowerCased() {
        assertThat(AccountRules.email("  User@Example.COM ")).isEqualTo("user@example.com");
    }

    @Test
    void anEmailLongerThan254CharactersIsRejected() {
        String email = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(60) + ".com";
        assertThat(email.length()).isGreaterThan(254);
        assertRejected(() -> AccountRules.email(email), "email");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jos\u00e9@example.com", "user@ex\u00e4mple.com", "us\u0000er@example.com",
            "user@example.com\u202e", "us\ter@example.com", "\u0430dmin@example.com"})
    void emailsWithNonAsciiOrControlCharactersAreRejected(String email) {
        assertRejected(() -> AccountRules.email(email), "email");
    }

    @Test
    void aPasswordOfEightToOneHundredTwentyEightCharactersIsAccepted() {
        assertThat(AccountRules.password("12345678")).isEqualTo("12345678");
        assertThat(AccountRules.password("p".repeat(128))).hasSize(128);
        assertThat(AccountRules.password("\u00fcber-geheim-\ud83d\udd12")).isNotNull();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"1234567", "pass\u0000word", "pass\nword1"})
    void shortMissingOrControlCharacterPasswordsAreRejected(String password) {
        assertRejected(() -> AccountRules.password(password), "password");
    }

    @Test
    void aPasswordOverOneHundredTwentyEightCharactersIsRejected() {
        assertRejected(() -> AccountRules.password("p".repeat(129)), "password");
    }

    @Test
    void unicodeDisplayNamesAreAcceptedAndTrimmed() {
        assertThat(AccountRules.displayName("  Zo\u00eb \u5c71\u7530 \ud83d\udc69\u200d\ud83d\udcbb ")).isEqualTo("Zo\u00eb \u5c71\u7530 \ud83d\udc69\u200d\ud83d\udcbb");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  ", "bob\u0000", "bob\nsmith", "evil\u202egnp.exe", "zero\u200bwidth", "bell\u0007",
            "lone\ud800surrogate"})
    void emptyOrControlCharacterDisplayNamesAreRejected(String name) {
        assertRejected(() -> AccountRules.displayName(name), "displayName");
    }

    @Test
    void aDisplayNameOver200CharactersIsRejected() {
        assertThat(AccountRules.displayName("n".repeat(200))).hasSize(200);
        assertRejected(() -> AccountRules.displayName("n".repeat(201)), "displayName");
    }

    @Test
    void keyNamesFollowTheSameRulesWithTheirOwnField() {
        assertRejected(() -> AccountRules.keyName("k".repeat(101)), "name");
        assertRejected(() -> AccountRules.keyName("tab\there"), "name");
    }

    static void assertRejected(Runnable check, String field) {
        assertThatThrownBy(check::run)
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).contains(field));
    }
}
