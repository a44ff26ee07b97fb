package dev.aikagi.core.support;

import dev.aikagi.core.account.AccountId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A request for help from someone who cannot recover their account by themselves (product journey 8).
 * Stored for unknown usernames too ({@code accountId} empty): the requester is never told whether the
 * account exists; the agent sees it and rejects.
 *
 * @param username the canonical username typed (or what was typed, if it is not a valid username)
 * @param contactEmail where every answer goes; not a verified channel of the account
 * @param language the language the request was written in; messages to the contact address use it
 * @param firstApprover when two approvals are required, the agent who approved first
 * @param decidedBy the agent who approved (the second, when two are required) or rejected
 * @param decidedAt when the case was approved or rejected; evidence is kept for the retention period after it
 * @param recoveryId the recovery case started on approval
 * @param closedAt when the user followed the approval's link
 */
public record SupportCase(UUID id, Optional<AccountId> accountId, String username, String contactEmail,
                          String language, String statement, SupportState state, Instant createdAt,
                          AccountId firstApprover, AccountId decidedBy, Instant decidedAt, String reason,
                          UUID recoveryId, Instant closedAt) {

    public SupportCase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(contactEmail, "contactEmail");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(statement, "statement");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public static SupportCase open(UUID id, Optional<AccountId> accountId, String username, String contactEmail,
                                   String language, String statement, Instant now) {
        return new SupportCase(id, accountId, username, contactEmail, language, statement, SupportState.OPEN, now,
                null, null, null, null, null, null);
    }

    /** The agents who approved, first one first. */
    public List<AccountId> approvals() {
        List<AccountId> out = new ArrayList<>(2);
        if (firstApprover != null) {
            out.add(firstApprover);
        }
        if ((state == SupportState.APPROVED || state == SupportState.CLOSED) && decidedBy != null
                && !decidedBy.equals(firstApprover)) {
            out.add(decidedBy);
        }
        return out;
    }

    @Override
    public String toString() {
        // The statement and the contact address are personal data: never in logs.
        return "SupportCase[" + id + ", " + state + "]";
    }
}
