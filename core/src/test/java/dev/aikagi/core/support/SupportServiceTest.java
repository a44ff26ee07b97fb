package dev.aikagi.core.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.TestChannels;
import dev.aikagi.core.audit.AuditType;
import dev.aikagi.core.delivery.Message;
import dev.aikagi.core.store.Transactions;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Support requests as they come in (product journey 8, issue 5): unknown usernames answered like known ones, and
 * files that are refused with nothing stored.
 */
class SupportServiceTest extends SupportFixture {

    @Test
    void openWhenUsernameUnknownThenSameAnswerAndApprovalRefused() {
        UUID id = requested(oneAgent, "nobody-here");

        assertThat(cases.find(id).orElseThrow().accountId()).isEmpty();
        assertThat(toContact()).extracting(Message::subject).containsExactly("support.received");
        assertThat(oneAgent.view(id).orElseThrow().account()).isEmpty();
        assertThat(oneAgent.approve(id, agent1, "ok", DESK).refusal()).contains(SupportFailure.NO_ACCOUNT);
    }

    @Test
    void openWhenFileIsWrongTypeTooLargeOrFakeThenClearFailureAndNothingStored() {
        byte[] gif = "GIF89a......".getBytes(StandardCharsets.US_ASCII);
        byte[] textNamedJpeg = "just some text, not a photo".getBytes(StandardCharsets.US_ASCII);
        byte[] large = Arrays.copyOf(PNG, 1001);

        assertThat(failure("cat.gif", gif)).isEqualTo(SupportFailure.FILE_TYPE_NOT_ALLOWED);
        assertThat(failure("passport.jpg", textNamedJpeg)).isEqualTo(SupportFailure.FILE_NOT_WHAT_IT_CLAIMS);
        assertThat(failure("scan.png", PDF)).isEqualTo(SupportFailure.FILE_NOT_WHAT_IT_CLAIMS);
        assertThat(failure("big.png", large)).isEqualTo(SupportFailure.FILE_TOO_LARGE);
        assertThat(failure("empty.png", new byte[0])).isEqualTo(SupportFailure.FILE_EMPTY);

        assertThat(cases.queue(Optional.empty(), clock.instant().plusSeconds(1), 100)).isEmpty();
        assertThat(toContact()).isEmpty();
        assertThat(auditLog.all()).noneMatch(e -> e.type() == AuditType.SUPPORT_REQUESTED);
    }

    @Test
    void openWhenTooManyFilesThenRefused() {
        SupportService.Upload png = new SupportService.Upload("a.png", PNG);

        assertThat(twoAgents.open(new SupportService.Request("hanako", CONTACT, "lost", "en"),
                List.of(png, png, png, png), FROM).refusal()).contains(SupportFailure.TOO_MANY_FILES);
    }

    @Test
    void openWhenInputMissingOrInvalidThenRefused() {
        assertThat(oneAgent.open(new SupportService.Request(" ", CONTACT, "x", "en"), List.of(), FROM).refusal())
                .contains(SupportFailure.USERNAME_MISSING);
        assertThat(oneAgent.open(new SupportService.Request("hanako", "not-an-address", "x", "en"), List.of(), FROM)
                .refusal()).contains(SupportFailure.CONTACT_INVALID);
        assertThat(oneAgent.open(new SupportService.Request("hanako", CONTACT, "  ", "en"), List.of(), FROM)
                .refusal()).contains(SupportFailure.STATEMENT_MISSING);
        assertThat(oneAgent.open(new SupportService.Request("hanako", CONTACT, "x".repeat(4001), "en"), List.of(),
                FROM).refusal()).contains(SupportFailure.STATEMENT_TOO_LONG);
    }

    @Test
    void constructorWhenAPortIsMissingThenNamesIt() {
        SupportMail mail = new SupportMail(channels.messages, TestChannels.TEXTS);
        org.assertj.core.api.Assertions.assertThatNullPointerException().isThrownBy(() -> new SupportService(accounts,
                        cases, null, attempts, audit, recovery, mail, generator, SupportPolicy.DEFAULT,
                        Transactions.none(), clock))
                .withMessage("evidence");
        org.assertj.core.api.Assertions.assertThatNullPointerException().isThrownBy(() -> new SupportEvidence(accounts,
                        cases, evidence, channels.channels, auditLog, audit, cipher, generator, null, clock))
                .withMessage("policy");
        org.assertj.core.api.Assertions.assertThatNullPointerException().isThrownBy(() -> new SupportDecisions(cases,
                        audit, recovery, mail, generator, SupportPolicy.DEFAULT, "https://id.example.jp", null, clock))
                .withMessage("transactions");
    }
}
