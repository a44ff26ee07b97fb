package dev.aikagi.core.settings;

import dev.aikagi.core.factor.Verification;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The result of a settings change: a value, or a problem (with when to retry, for rate limits). */
public record SettingsOutcome<T>(Optional<T> value, Optional<SettingsProblem> problem, Optional<Instant> retryAt) {

    public SettingsOutcome {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(retryAt, "retryAt");
        if (value.isPresent() == problem.isPresent()) {
            throw new IllegalArgumentException("exactly one of value and problem");
        }
    }

    public static <T> SettingsOutcome<T> ok(T value) {
        return new SettingsOutcome<>(Optional.of(value), Optional.empty(), Optional.empty());
    }

    public static <T> SettingsOutcome<T> refused(SettingsProblem problem) {
        return new SettingsOutcome<>(Optional.empty(), Optional.of(problem), Optional.empty());
    }

    public static <T> SettingsOutcome<T> refused(SettingsProblem problem, Optional<Instant> retryAt) {
        return new SettingsOutcome<>(Optional.empty(), Optional.of(problem), retryAt);
    }

    public boolean isOk() {
        return value.isPresent();
    }

    /** The same problem, for an outcome of another type. */
    public <U> SettingsOutcome<U> cast() {
        if (isOk()) {
            throw new IllegalStateException("only a refusal can be recast");
        }
        return new SettingsOutcome<>(Optional.empty(), problem, retryAt);
    }

    /** A rejected code as the settings pages and the API name it (the same names as at login). */
    static <T> SettingsOutcome<T> rejected(Verification.Rejected rejected) {
        SettingsProblem problem = switch (rejected.reason()) {
            case MALFORMED_INPUT -> SettingsProblem.CODE_MALFORMED;
            case WRONG_CODE, NOT_ENROLLED, NO_CODES -> SettingsProblem.CODE_INVALID;
            case EXPIRED -> SettingsProblem.CODE_EXPIRED;
            case SUPERSEDED -> SettingsProblem.CODE_SUPERSEDED;
            case ALREADY_USED -> SettingsProblem.CODE_ALREADY_USED;
            case REPLACED_SET -> SettingsProblem.CODE_FROM_REPLACED_SET;
            case RATE_LIMITED -> SettingsProblem.TOO_MANY_ATTEMPTS;
            case LOCKED -> SettingsProblem.METHOD_LOCKED;
        };
        return refused(problem, rejected.retryAt());
    }
}
