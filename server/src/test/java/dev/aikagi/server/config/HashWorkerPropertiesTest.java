package dev.aikagi.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.factor.password.BoundedHashWorkers;
import dev.aikagi.server.properties.AikagiProperties;
import dev.aikagi.server.properties.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

/** Issue 15: the hash pool's settings, their defaults, and an error naming the setting at start-up. */
class HashWorkerPropertiesTest {

    private static AikagiProperties.Password password(Integer workers, Integer queue) {
        return new AikagiProperties.Password(19456, 2, 1, null, workers, queue);
    }

    @Test
    void newHashWorkersWhenUnsetThenOnePerCoreAndSixteenWaitingEach() {
        int cores = Runtime.getRuntime().availableProcessors();

        assertThat(password(null, null).hashWorkersOrDefault()).isEqualTo(cores);
        assertThat(password(null, null).hashQueueOrDefault()).isEqualTo(16 * cores);
        assertThat(password(3, null).hashQueueOrDefault()).isEqualTo(48);
        try (BoundedHashWorkers workers = password(null, null).newHashWorkers()) {
            assertThat(workers.size()).isEqualTo(cores);
        }
    }

    @Test
    void newHashWorkersWhenOutOfRangeThenErrorNamesTheSetting() {
        assertThatThrownBy(() -> password(0, null).newHashWorkers()).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("aikagi.password.hash-workers: must be 1-1024, is 0");
        assertThatThrownBy(() -> password(2, -1).newHashWorkers()).isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("aikagi.password.hash-queue: must be 0-1000000, is -1");
    }
}
