package dev.aikagi.core.support;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A file attached to a support request (an ID document, a photo). The content is stored sealed
 * (AES-GCM, bound to the evidence id) and is read only by agents.
 *
 * @param fileName the name the user gave, cut and cleaned for display only; downloads get a name of ours
 */
public record Evidence(UUID id, UUID caseId, EvidenceType type, String fileName, long size, Instant createdAt) {

    public Evidence {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
