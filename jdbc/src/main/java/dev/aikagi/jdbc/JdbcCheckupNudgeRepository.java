package dev.aikagi.jdbc;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.settings.CheckupNudgeRepository;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@link CheckupNudgeRepository} on the {@code checkup_nudge} table. */
public final class JdbcCheckupNudgeRepository implements CheckupNudgeRepository {

    /** One conditional write: of concurrent logins, the one whose update changed the row is nudged. */
    private static final String CLAIM = """
            update checkup_nudge set shown_at = :now, session_id = :sessionId
            where account_id = :accountId and dismissed_at is null and (shown_at is null or shown_at < :lastBefore)""";
    /**
     * Of concurrent first logins, the one whose insert added the row is nudged. {@code on conflict do nothing}
     * rather than a unique violation caught: a row shown less than a week ago is the common case (every login of
     * an account without a recovery contact), and the exception cost each such login a stack trace and its
     * translation (issue 15).
     */
    private static final String FIRST = """
            insert into checkup_nudge (account_id, shown_at, session_id, dismissed_at)
            values (:accountId, :now, :sessionId, null)
            on conflict do nothing""";
    private static final String HELD = """
            select count(*) from checkup_nudge
            where account_id = :accountId and session_id = :sessionId and dismissed_at is null""";
    private static final String PUT_OFF = "update checkup_nudge set session_id = null where account_id = :accountId";
    private static final String DISMISS = """
            update checkup_nudge set dismissed_at = :at, session_id = null where account_id = :accountId""";
    private static final String FIRST_DISMISSED = """
            insert into checkup_nudge (account_id, shown_at, session_id, dismissed_at)
            values (:accountId, null, null, :at)""";

    private final JdbcClient jdbc;

    public JdbcCheckupNudgeRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public boolean claim(AccountId accountId, UUID sessionId, Instant now, Instant lastBefore) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(sessionId, "sessionId");
        int updated = jdbc.sql(CLAIM).param("accountId", accountId.value()).param("sessionId", sessionId)
                .param("now", Timestamps.param(now)).param("lastBefore", Timestamps.param(lastBefore)).update();
        if (updated == 1) {
            return true;
        }
        // No row yet, or one that says "not now" or "never": only the first insert of a new row wins.
        return jdbc.sql(FIRST).param("accountId", accountId.value()).param("sessionId", sessionId)
                .param("now", Timestamps.param(now)).update() == 1;
    }

    @Override
    public boolean heldBy(AccountId accountId, UUID sessionId) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(sessionId, "sessionId");
        return jdbc.sql(HELD).param("accountId", accountId.value()).param("sessionId", sessionId)
                .query(Integer.class).single() > 0;
    }

    @Override
    public void putOff(AccountId accountId) {
        Objects.requireNonNull(accountId, "accountId");
        jdbc.sql(PUT_OFF).param("accountId", accountId.value()).update();
    }

    @Override
    public void dismiss(AccountId accountId, Instant at) {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(at, "at");
        if (jdbc.sql(DISMISS).param("accountId", accountId.value()).param("at", Timestamps.param(at)).update() == 0
                && !insertOnce(() -> jdbc.sql(FIRST_DISMISSED).param("accountId", accountId.value())
                        .param("at", Timestamps.param(at)).update())) {
            // A login inserted the row meanwhile: dismiss it now that it is there.
            jdbc.sql(DISMISS).param("accountId", accountId.value()).param("at", Timestamps.param(at)).update();
        }
    }

    private static boolean insertOnce(java.util.function.IntSupplier insert) {
        try {
            return insert.getAsInt() == 1;
        } catch (RuntimeException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }
}
