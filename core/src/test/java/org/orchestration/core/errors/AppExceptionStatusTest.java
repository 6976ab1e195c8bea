package org.orchestration.core.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AppExceptionStatusTest {

    static Stream<Arguments> mapping() {
        return Stream.of(
                Arguments.of(new NotFoundException("x"), 404),
                Arguments.of(new ForbiddenException("x"), 403),
                Arguments.of(new ConflictException("x"), 409),
                Arguments.of(new BudgetExceededException("x"), 402),
                Arguments.of(new ValidationException("name", "x"), 400),
                Arguments.of(new UnauthorizedException("x"), 401),
                Arguments.of(new RateLimitedException(7), 429),
                Arguments.of(new StorageException("x"), 500));
    }

    @ParameterizedTest
    @MethodSource("mapping")
    void eachErrorCarriesItsHttpStatus(AppException e, int status) {
        assertThat(e.status()).isEqualTo(status);
    }

    @Test
    void rateLimitSaysWhenToTryAgain() {
        assertThat(new RateLimitedException(7).getMessage()).isEqualTo("Too many attempts. Try again in 7 s.");
        assertThat(new ValidationException("email", "bad").field()).contains("email");
    }

    @Test
    void aLongWaitIsSaidInMinutesAndSecondsAfterTheReason() {
        RateLimitedException limited = new RateLimitedException("Too many failed sign-ins for this email address.", 125);
        assertThat(limited.getMessage()).isEqualTo("Too many failed sign-ins for this email address. Try again in 2 min 5 s.");
        assertThat(limited.retryAfterSeconds()).isEqualTo(125);
        assertThat(new RateLimitedException("Busy.", 300).getMessage()).isEqualTo("Busy. Try again in 5 min.");
    }
}
