package dev.aikagi.core.settings;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.AccountRepository;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link TimeZoneRepository} must do (issue 17). Subclasses supply the store. */
public abstract class TimeZoneRepositoryContract {

    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

    private TimeZoneRepository zones;
    private AccountRepository accounts;

    protected abstract TimeZoneRepository createZones();

    protected abstract AccountRepository createAccounts();

    @BeforeEach
    void setUpStores() {
        accounts = createAccounts();
        zones = createZones();
    }

    private Account stored() {
        Account account = account().build();
        accounts.create(account);
        return account;
    }

    @Test
    void findWhenNoneChosenThenEmpty() {
        assertThat(zones.find(stored().id())).isEmpty();
    }

    @Test
    void chooseWhenChosenAgainThenTheLatestForThatAccountOnly() {
        Account first = stored();
        Account other = stored();

        zones.choose(first.id(), ZoneId.of("Asia/Tokyo"), NOW);
        zones.choose(first.id(), ZoneId.of("America/New_York"), NOW.plusSeconds(60));

        assertThat(zones.find(first.id())).contains(ZoneId.of("America/New_York"));
        assertThat(zones.find(other.id())).isEmpty();
    }

    @Test
    void clearWhenChosenThenGoneAndASecondClearChangesNothing() {
        Account account = stored();
        zones.choose(account.id(), ZoneId.of("Europe/Berlin"), NOW);

        assertThat(zones.clear(account.id())).isTrue();
        assertThat(zones.clear(account.id())).isFalse();
        assertThat(zones.find(account.id())).isEmpty();
    }
}
