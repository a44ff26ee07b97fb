package dev.aikagi.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RaceTest {

    @Test
    void runWhenContendersWaitForEachOtherThenAllAreRunningAtOnce() {
        try (Race race = new Race(4)) {
            CountDownLatch allIn = new CountDownLatch(4);
            List<Boolean> met = race.run(i -> {
                allIn.countDown();
                return allIn.await(10, TimeUnit.SECONDS);
            });

            assertThat(met).containsExactly(true, true, true, true);
        }
    }

    @Test
    void runWhenOneContenderFailsThenAssertionErrorAfterTheRound() {
        try (Race race = new Race(3)) {
            assertThatThrownBy(() -> race.run(i -> {
                if (i == 1) {
                    throw new IllegalStateException("boom");
                }
                return i;
            })).isInstanceOf(AssertionError.class).hasRootCauseMessage("boom");
        }
    }

    @Test
    void togetherWhenCallsWaitForEachOtherThenAllMeetAndResultsKeepTheirOrder() throws Exception {
        CountDownLatch allIn = new CountDownLatch(3);
        List<Callable<String>> calls = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            calls.add(() -> {
                allIn.countDown();
                return allIn.await(10, TimeUnit.SECONDS) ? name : "alone";
            });
        }

        assertThat(Race.together(calls)).containsExactly("a", "b", "c");
    }

    @Test
    void constructorWhenFewerThanTwoThenRefused() {
        assertThatThrownBy(() -> new Race(1)).isInstanceOf(IllegalArgumentException.class);
    }
}
