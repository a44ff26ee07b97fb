package dev.aikagi.core.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.core.audit.AuditType;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What an agent is shown of a support request: its files, sealed, and the account's facts, never a secret. */
class SupportEvidenceTest extends SupportFixture {

    @Test
    void openWhenFilesAcceptedThenStoredSealedAndAgentOpensThemAudited() {
        UUID id = requested(twoAgents, "hanako", new SupportService.Upload("ID card.JPG", JPEG),
                new SupportService.Upload("statement", PDF));

        List<Evidence> files = evidence.list(id);
        assertThat(files).extracting(Evidence::type).containsExactly(EvidenceType.JPEG, EvidenceType.PDF);
        assertThat(files).extracting(Evidence::fileName).containsExactly("ID card.JPG", "statement");
        String sealed = evidence.sealedContent(files.get(1).id()).orElseThrow();
        assertThat(sealed).doesNotContain("PDF").startsWith("e1:");

        SupportService.OpenedEvidence opened = twoAgents.openEvidence(id, files.get(1).id(), agent1, DESK).orElseThrow();
        assertThat(opened.content()).isEqualTo(PDF);
        assertThat(twoAgents.openEvidence(UUID.randomUUID(), files.get(1).id(), agent1, DESK)).isEmpty();
        assertThat(auditLog.all()).anyMatch(e -> e.type() == AuditType.SUPPORT_EVIDENCE_VIEWED
                && e.details().get("agent").equals(agent1.toString()));
    }

    @Test
    void deleteOldEvidenceWhenRetentionPassedAfterDecisionThenFilesGone() {
        UUID id = requested(twoAgents, "hanako", new SupportService.Upload("id.png", PNG));
        twoAgents.reject(id, agent1, "no match", DESK);

        clock.advance(Duration.ofDays(30));
        assertThat(twoAgents.deleteOldEvidence()).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(twoAgents.deleteOldEvidence()).isEqualTo(1);
        assertThat(evidence.list(id)).isEmpty();
    }

    @Test
    void viewWhenAccountKnownThenFactsWithoutSecretsAndCoarsePlaces() {
        UUID id = requested(twoAgents, "hanako");

        SupportService.AccountFacts facts = twoAgents.view(id).orElseThrow().account().orElseThrow();
        assertThat(facts.username()).isEqualTo("hanako");
        assertThat(facts.channels()).singleElement().satisfies(c -> {
            assertThat(c.masked()).doesNotContain("12345678").endsWith("78");
            assertThat(c.verifiedAt()).isEqualTo(clock.instant());
        });
        assertThat(facts.logins()).singleElement().satisfies(l -> {
            assertThat(l.network()).isEqualTo("198.51.100.0/24");
            assertThat(l.device()).isEqualTo("Firefox on Linux");
        });
    }

    @Test
    void networkWhenAddressGivenThenOnlyThePrefix() {
        assertThat(SupportService.network("192.0.2.123")).isEqualTo("192.0.2.0/24");
        assertThat(SupportService.network("2001:db8:85a3:8d3:1319:8a2e:370:7348")).isEqualTo("2001:db8:85a3::/48");
        assertThat(SupportService.network("::1")).isEqualTo("IPv6");
        assertThat(SupportService.network(null)).isEmpty();
        assertThat(SupportService.network("unknown")).isEmpty();
    }

    @Test
    void evidenceTypeWhenDetectedThenByContentNotName() {
        assertThat(EvidenceType.detect(PNG)).contains(EvidenceType.PNG);
        assertThat(EvidenceType.detect(JPEG)).contains(EvidenceType.JPEG);
        assertThat(EvidenceType.detect(PDF)).contains(EvidenceType.PDF);
        assertThat(EvidenceType.detect(new byte[] {(byte) 0xFF, (byte) 0xD8})).isEmpty();
        assertThat(EvidenceType.claimedBy("x.JPEG")).contains(EvidenceType.JPEG);
        assertThat(EvidenceType.claimedBy("x.gif")).isEmpty();
    }
}
