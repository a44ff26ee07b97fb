package dev.aikagi.core.support;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** {@link EvidenceRepository} in memory, for tests; reads the cases' decision times from the case repository. */
public final class InMemoryEvidenceRepository implements EvidenceRepository {

    private final SupportRepository cases;
    private final Map<UUID, Evidence> byId = new LinkedHashMap<>();
    private final Map<UUID, String> sealed = new LinkedHashMap<>();

    public InMemoryEvidenceRepository(SupportRepository cases) {
        this.cases = Objects.requireNonNull(cases, "cases");
    }

    @Override
    public synchronized void add(Evidence e, String sealedContent) {
        if (cases.find(e.caseId()).isEmpty()) {
            throw new IllegalArgumentException("no support case " + e.caseId());
        }
        byId.put(e.id(), new Evidence(e.id(), e.caseId(), e.type(), e.fileName(), e.size(),
                e.createdAt().truncatedTo(ChronoUnit.MICROS)));
        sealed.put(e.id(), sealedContent);
    }

    @Override
    public synchronized List<Evidence> list(UUID caseId) {
        return byId.values().stream().filter(e -> e.caseId().equals(caseId)).toList();
    }

    @Override
    public synchronized Optional<Evidence> find(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<String> sealedContent(UUID id) {
        return Optional.ofNullable(sealed.get(id));
    }

    @Override
    public synchronized int deleteDecidedBefore(Instant before) {
        List<UUID> old = byId.values().stream()
                .filter(e -> cases.find(e.caseId()).map(SupportCase::decidedAt).filter(before::isAfter).isPresent())
                .map(Evidence::id).toList();
        old.forEach(id -> {
            byId.remove(id);
            sealed.remove(id);
        });
        return old.size();
    }
}
