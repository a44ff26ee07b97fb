package dev.aikagi.core.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.audit.AuditEvent;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.delivery.Message;
import dev.aikagi.core.factor.FactorKind;
import dev.aikagi.core.login.LoginResult;
import dev.aikagi.core.recovery.RecoveryFailure;
import dev.aikagi.core.recovery.RecoveryPolicy;
import dev.aikagi.core.recovery.RecoveryService;
import dev.aikagi.core.recovery.RecoveryState;
import dev.aikagi.core.session.Session;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Agents' decisions on support requests (product journey 8, issue 5): from the request through one or two agents
 * to the requester finishing recovery with new backup codes; rejections; an agent's own account.
 */
class SupportDecisionsTest extends SupportFixture {

    @Test
    void approveWhenTwoDifferentAgentsApproveThenUserFinishesRecoveryAndLogsInWithNewBackupCode() {
        UUID id = requested(twoAgents, "Hanako", new SupportService.Upload("id.png", PNG));
        assertThat(toContact()).singleElement().extracting(Message::subject).isEqualTo("support.received");

        assertThat(twoAgents.approve(id, agent1, "ID photo matches", DESK).doneValue())
                .contains(SupportService.Approval.WAITING_FOR_SECOND_AGENT);
        assertThat(twoAgents.approve(id, agent1, "again", DESK).refusal()).contains(SupportFailure.SAME_AGENT);
        assertThat(cases.find(id).orElseThrow().state()).isEqualTo(SupportState.OPEN);
        assertThat(twoAgents.approve(id, agent2, "Logins match", DESK).doneValue())
                .contains(SupportService.Approval.APPROVED);

        SupportCase approved = cases.find(id).orElseThrow();
        assertThat(approved.state()).isEqualTo(SupportState.APPROVED);
        assertThat(approved.approvals()).containsExactly(agent1, agent2);
        assertThat(toContact()).extracting(Message::subject).containsExactly("support.received", "support.approved");
        String token = linkToken();
        assertThat(cases.toString()).doesNotContain(token);

        SupportService.LinkUsed used = twoAgents.useLink(token, FROM).doneValue().orElseThrow();
        assertThat(twoAgents.useLink(token, FROM).refusal()).contains(SupportFailure.LINK_INVALID);
        assertThat(cases.find(id).orElseThrow().state()).isEqualTo(SupportState.CLOSED);
        String recoveryToken = used.recoveryToken();
        assertThat(recovery.status(used.recoveryId(), recoveryToken).doneValue().orElseThrow().state())
                .isEqualTo(RecoveryState.WAITING);
        assertThat(completion.complete(used.recoveryId(), recoveryToken, Session.Kind.BROWSER, FROM).isDone())
                .as("waiting").isFalse();
        // Issue 14: the agents saw the recovery's id (audit, console), never a token; the link's token is not one.
        assertThat(auditLog.all().toString()).doesNotContain(recoveryToken).doesNotContain(token);
        assertThat(used.toString()).doesNotContain(recoveryToken);

        clock.advance(RecoveryPolicy.DEFAULT.waitingPeriod());
        assertThat(completion.complete(used.recoveryId(), token, Session.Kind.BROWSER, FROM).refusal())
                .as("the support link's token is not the recovery's").contains(RecoveryFailure.NOT_FOUND);
        assertThat(completion.complete(used.recoveryId(), null, Session.Kind.BROWSER, FROM).refusal())
                .contains(RecoveryFailure.NOT_FOUND);
        RecoveryService.Completed done = completion.complete(used.recoveryId(), recoveryToken, Session.Kind.BROWSER, FROM)
                .doneValue().orElseThrow();
        String newCode = done.backupCodes().codes().get(0);
        LoginResult.SecondFactorRequired step = (LoginResult.SecondFactorRequired) login.submitPassword("hanako",
                PASSWORD, FROM);
        assertThat(login.verifySecondFactor(step.flow().id(), FactorKind.BACKUP_CODE, newCode, FROM))
                .isInstanceOf(LoginResult.Authenticated.class);

        List<AuditType> types = auditLog.all().stream().map(AuditEvent::type).toList();
        assertThat(types).containsSubsequence(AuditType.SUPPORT_REQUESTED, AuditType.SUPPORT_APPROVAL_ADDED,
                AuditType.RECOVERY_WAITING, AuditType.SUPPORT_APPROVED, AuditType.SUPPORT_LINK_USED,
                AuditType.RECOVERY_COMPLETED);
        AuditEvent approval = auditLog.all().stream().filter(e -> e.type() == AuditType.SUPPORT_APPROVED)
                .findFirst().orElseThrow();
        assertThat(approval.details()).containsEntry("agent", agent2.toString()).containsEntry("reason", "Logins match");
        assertThat(approval.clientAddress()).isEqualTo(DESK.value());
    }

    @Test
    void approveWhenOneApprovalSufficesThenFirstAgentApproves() {
        UUID id = requested(oneAgent, "hanako");

        assertThat(oneAgent.approve(id, agent1, "ok", DESK).doneValue()).contains(SupportService.Approval.APPROVED);
        assertThat(oneAgent.approve(id, agent2, "ok", DESK).refusal()).contains(SupportFailure.NOT_OPEN);
    }

    @Test
    void rejectWhenReasonGivenThenContactToldAndCaseCannotBeApproved() {
        UUID id = requested(twoAgents, "hanako");

        assertThat(twoAgents.reject(id, agent1, "", DESK).refusal()).contains(SupportFailure.REASON_MISSING);
        assertThat(twoAgents.reject(id, agent1, "The photo does not match.", DESK).doneValue())
                .contains(SupportState.REJECTED);

        assertThat(twoAgents.approve(id, agent2, "ok", DESK).refusal()).contains(SupportFailure.NOT_OPEN);
        assertThat(toContact().get(toContact().size() - 1).body()).contains("support.rejected")
                .contains("The photo does not match.");
        assertThat(world.recoveries.lastCompletedAt(account)).isEmpty();
    }

    @Test
    void rejectWhenReasonIsLongJapaneseThenCaseKeepsItAndAuditKeepsTheStartOnly() {
        UUID id = requested(oneAgent, "hanako");
        String reason = "写".repeat(SupportService.MAX_REASON_LENGTH);

        assertThat(oneAgent.reject(id, agent1, reason, DESK).isDone()).isTrue();

        assertThat(cases.find(id).orElseThrow().reason()).isEqualTo(reason);
        AuditEvent rejected = auditLog.all().stream().filter(e -> e.type() == AuditType.SUPPORT_REJECTED)
                .findFirst().orElseThrow();
        // 200 characters, six each once encoded: within the 4000 of the audit row.
        assertThat(rejected.details().get("reason")).hasSize(200);
        assertThat(oneAgent.reject(requested(oneAgent, "hanako"), agent1, reason + "x", DESK).refusal())
                .contains(SupportFailure.REASON_TOO_LONG);
    }

    @Test
    void approveWhenAgentIsTheAccountOwnerThenRefused() {
        UUID id = requested(oneAgent, "agent1");

        assertThat(oneAgent.approve(id, agent1, "it is me", DESK).refusal()).contains(SupportFailure.OWN_ACCOUNT);
    }
}
