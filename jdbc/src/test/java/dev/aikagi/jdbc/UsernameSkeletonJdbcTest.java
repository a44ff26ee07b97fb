package dev.aikagi.jdbc;

import static dev.aikagi.core.TestAccounts.account;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.Conflict;
import dev.aikagi.core.account.Account;
import dev.aikagi.core.account.Username;
import dev.aikagi.testkit.Race;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 14, point 5, in the database: the skeleton's unique claim refuses look-alikes even when sign-ups race
 * (docs/STYLE.md rule 30), and accounts made before V13 get their skeletons at start-up without the index
 * tripping over old look-alikes, which keep their names.
 */
class UsernameSkeletonJdbcTest {

    private static final String LEGACY_INSERT = """
            insert into account (id, username, password_hash, created_at) values (:id, :username, :hash, :at)""";

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void fillSkeletonsWhenOldAccountsLookAlikeThenOldestClaimsAndBothKeepTheirNames(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, 2)) {
            JdbcClient jdbc = JdbcClient.create(database.dataSource());
            JdbcAccountRepository accounts = new JdbcAccountRepository(database.dataSource());
            UUID older = legacy(jdbc, "bobl", "2025-01-01T00:00:00Z");
            UUID newer = legacy(jdbc, "bob1", "2025-06-01T00:00:00Z");
            UUID alone = legacy(jdbc, "carol", "2025-03-01T00:00:00Z");

            assertThat(accounts.fillSkeletons()).isEqualTo(3);
            assertThat(accounts.fillSkeletons()).as("nothing left to fill").isZero();

            String skeleton = Username.skeleton("bobl");
            assertThat(claim(jdbc, older)).isEqualTo(skeleton);
            assertThat(claim(jdbc, newer)).as("a look-alike of an older account: no claim").isNull();
            assertThat(claim(jdbc, alone)).isEqualTo(Username.skeleton("carol"));
            assertThat(accounts.findBySkeleton(skeleton)).extracting(Account::username).containsExactly("bobl", "bob1");
            assertThat(accounts.findByUsername("bob1")).isPresent();
            assertThatThrownBy(() -> accounts.create(account().username("b\u043ebl").build())).isInstanceOf(Conflict.class);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(TestDatabase.Kind.class)
    void createWhenLookalikeNamesRaceThenExactlyOneAccount(TestDatabase.Kind kind) {
        try (TestDatabase database = TestDatabase.open(kind, Race.THREADS); Race race = new Race()) {
            JdbcAccountRepository accounts = new JdbcAccountRepository(database.dataSource());
            for (int round = 0; round < 5; round++) {
                String suffix = round + "-" + UUID.randomUUID().toString().substring(0, 8);
                // Latin, Cyrillic а and Greek α in turn: one skeleton, 64 different names.
                String[] forms = {"paypal", "p\u0430ypal", "p\u03b1ypal", "paypa1"};
                List<Boolean> created = race.run(i -> {
                    try {
                        accounts.create(account().username(forms[i % forms.length] + "-" + i + "-" + suffix)
                                .build());
                        return true;
                    } catch (Conflict taken) {
                        return false;
                    }
                });
                // Each thread's name differs by its index, so skeletons differ too: every one is created.
                assertThat(created).as("distinct names").containsOnly(true);

                List<Boolean> lookalikes = race.run(i -> {
                    try {
                        accounts.create(account().username(forms[i % forms.length] + "-x-" + suffix).build());
                        return true;
                    } catch (Conflict taken) {
                        return false;
                    }
                });
                assertThat(lookalikes).as("round %d on %s", round, kind).filteredOn(Boolean::booleanValue).hasSize(1);
            }
        }
    }

    private static UUID legacy(JdbcClient jdbc, String username, String at) {
        UUID id = UUID.randomUUID();
        jdbc.sql(LEGACY_INSERT).param("id", id).param("username", username)
                .param("hash", "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo")
                .param("at", OffsetDateTime.ofInstant(Instant.parse(at), ZoneOffset.UTC)).update();
        return id;
    }

    private static String claim(JdbcClient jdbc, UUID id) {
        return jdbc.sql("select username_skeleton_claim from account where id = :id").param("id", id)
                .query((rs, row) -> rs.getString(1)).list().get(0);
    }
}
