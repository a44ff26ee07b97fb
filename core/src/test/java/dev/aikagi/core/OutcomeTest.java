package dev.aikagi.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OutcomeTest {

    private enum Why { NOT_FOUND, TOO_MANY }

    private static final Instant LATER = Instant.parse("2026-01-01T00:10:00Z");

    @Test
    void doneWhenSwitchedThenOnlyTheValueIsThere() {
        Outcome<String, Why> outcome = Outcome.done("made");

        String seen = switch (outcome) {
            case Outcome.Done<String, Why> done -> done.value();
            case Outcome.Refused<String, Why> refused -> "refused " + refused.failure();
        };

        assertThat(seen).isEqualTo("made");
        assertThat(outcome.isDone()).isTrue();
        assertThat(outcome.doneValue()).contains("made");
        assertThat(outcome.refusal()).isEmpty();
        assertThat(outcome.retryAt()).isEmpty();
    }

    @Test
    void refusedWhenNoLimitThenFailureWithoutRetryTime() {
        Outcome<String, Why> outcome = Outcome.refused(Why.NOT_FOUND);

        assertThat(outcome).isEqualTo(new Outcome.Refused<String, Why>(Why.NOT_FOUND, Optional.empty()));
        assertThat(outcome.isDone()).isFalse();
        assertThat(outcome.doneValue()).isEmpty();
        assertThat(outcome.refusal()).contains(Why.NOT_FOUND);
        assertThat(outcome.retryAt()).isEmpty();
    }

    @Test
    void refusedUntilWhenLimitedThenRetryTimeIsKept() {
        Outcome<String, Why> outcome = Outcome.refusedUntil(Why.TOO_MANY, LATER);

        assertThat(outcome.refusal()).contains(Why.TOO_MANY);
        assertThat(outcome.retryAt()).contains(LATER);
        assertThat(Outcome.<String, Why>refused(Why.TOO_MANY, Optional.of(LATER))).isEqualTo(outcome);
    }

    @Test
    void recastWhenRefusedThenSameFailureForAnotherValue() {
        Outcome.Refused<String, Why> refused = new Outcome.Refused<>(Why.TOO_MANY, Optional.of(LATER));

        Outcome<Integer, Why> recast = refused.recast();

        assertThat(recast.refusal()).contains(Why.TOO_MANY);
        assertThat(recast.retryAt()).contains(LATER);
    }

    @Test
    void buildWhenSomethingMissingThenRefusesToBuild() {
        assertThatNullPointerException().isThrownBy(() -> Outcome.done(null));
        assertThatNullPointerException().isThrownBy(() -> Outcome.refused(null));
        assertThatNullPointerException().isThrownBy(() -> new Outcome.Refused<String, Why>(Why.NOT_FOUND, null));
    }
}
