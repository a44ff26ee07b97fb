package dev.aikagi.core.support;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The files of support requests, sealed. */
public interface EvidenceRepository {

    void add(Evidence evidence, String sealedContent);

    /** The case's files, without content, in the order they were added. */
    List<Evidence> list(UUID caseId);

    Optional<Evidence> find(UUID id);

    Optional<String> sealedContent(UUID id);

    /** Deletes the files of cases decided before {@code before}; returns how many. */
    int deleteDecidedBefore(Instant before);
}
