package dev.aikagi.jdbc;

import dev.aikagi.core.factor.passkey.PasskeyChallenge;
import dev.aikagi.core.factor.passkey.PasskeyChallengeRepository;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link PasskeyChallengeRepository} on the {@code passkey_challenge} table (issue 17). */
public final class JdbcPasskeyChallengeRepository implements PasskeyChallengeRepository {

    private static final String INSERT = """
            insert into passkey_challenge (challenge, purpose, binding, account_id, created_at, expires_at, used_at)
            values (:challenge, :purpose, :binding, :accountId, :createdAt, :expiresAt, null)""";
    /** Used once: one conditional write, decided by its row count (docs/STYLE.md rule 10). */
    private static final String CONSUME = """
            update passkey_challenge set used_at = :now
            where challenge = :challenge and purpose = :purpose and binding = :binding
              and used_at is null and expires_at > :now""";
    private static final String DELETE_EXPIRED = "delete from passkey_challenge where expires_at < :now";

    private final JdbcClient jdbc;

    public JdbcPasskeyChallengeRepository(DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        this.jdbc = JdbcClient.create(dataSource);
    }

    @Override
    public void create(PasskeyChallenge challenge) {
        Objects.requireNonNull(challenge, "challenge");
        SqlErrors.conflictOnDuplicate("passkey challenge exists", () -> jdbc.sql(INSERT)
                .param("challenge", challenge.challenge())
                .param("purpose", challenge.purpose().code())
                .param("binding", challenge.binding())
                .param("accountId", challenge.accountId().map(a -> a.value()).orElse(null))
                .param("createdAt", Timestamps.param(challenge.createdAt()))
                .param("expiresAt", Timestamps.param(challenge.expiresAt()))
                .update());
    }

    @Override
    public boolean consume(String challenge, PasskeyChallenge.Purpose purpose, String binding, Instant now) {
        if (challenge == null || challenge.length() > 64 || binding == null) {
            return false;
        }
        return jdbc.sql(CONSUME).param("challenge", challenge).param("purpose", purpose.code()).param("binding", binding)
                .param("now", Timestamps.param(now)).update() == 1;
    }

    @Override
    public int deleteExpired(Instant now) {
        return jdbc.sql(DELETE_EXPIRED).param("now", Timestamps.param(now)).update();
    }
}
