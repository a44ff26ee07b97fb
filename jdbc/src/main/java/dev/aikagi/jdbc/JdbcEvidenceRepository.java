package dev.aikagi.jdbc;

import dev.aikagi.core.support.Evidence;
import dev.aikagi.core.support.EvidenceRepository;
import dev.aikagi.core.support.EvidenceType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link EvidenceRepository} on the {@code support_evidence} table. Listing never reads the sealed content:
 * only an agent opening one file does.
 */
public final class JdbcEvidenceRepository implements EvidenceRepository {

    private static final String COLUMNS = "id, case_id, media_type, file_name, size_bytes, created_at";
    private static final String INSERT = """
            insert into support_evidence (id, case_id, media_type, file_name, size_bytes, created_at, sealed)
            values (:id, :caseId, :mediaType, :fileName, :size, :createdAt, :sealed)""";
    private static final String LIST = "select " + COLUMNS
            + " from support_evidence where case_id = :caseId order by created_at, id";
    private static final String FIND = "select " + COLUMNS + " from support_evidence where id = :id";
    private static final String SEALED = "select sealed from support_evidence where id = :id";
    private static final String DELETE_DECIDED = """
            delete from support_evidence where case_id in (
                select id from support_case where decided_at is not null and decided_at < :before)""";

    private static final RowMapper<Evidence> EVIDENCE = (rs, row) -> new Evidence(
            rs.getObject("id", UUID.class),
            rs.getObject("case_id", UUID.class),
            EvidenceType.ofMediaType(rs.getString("media_type")).orElseThrow(
                    () -> new IllegalStateException("stored evidence has an unknown media type")),
            rs.getString("file_name"),
            rs.getLong("size_bytes"),
            Timestamps.read(rs, "created_at"));

    private final JdbcClient jdbc;

    public JdbcEvidenceRepository(DataSource dataSource) {
        this.jdbc = JdbcClient.create(Objects.requireNonNull(dataSource, "dataSource"));
    }

    @Override
    public void add(Evidence e, String sealedContent) {
        Objects.requireNonNull(e, "evidence");
        Objects.requireNonNull(sealedContent, "sealedContent");
        SqlErrors.conflictOnDuplicate("evidence id already exists", () -> jdbc.sql(INSERT)
                .param("id", e.id())
                .param("caseId", e.caseId())
                .param("mediaType", e.type().mediaType())
                .param("fileName", e.fileName())
                .param("size", e.size())
                .param("createdAt", Timestamps.param(e.createdAt()))
                .param("sealed", sealedContent)
                .update());
    }

    @Override
    public List<Evidence> list(UUID caseId) {
        return jdbc.sql(LIST).param("caseId", Objects.requireNonNull(caseId, "caseId")).query(EVIDENCE).list();
    }

    @Override
    public Optional<Evidence> find(UUID id) {
        return jdbc.sql(FIND).param("id", Objects.requireNonNull(id, "id")).query(EVIDENCE).optional();
    }

    @Override
    public Optional<String> sealedContent(UUID id) {
        return jdbc.sql(SEALED).param("id", Objects.requireNonNull(id, "id")).query(String.class).optional();
    }

    @Override
    public int deleteDecidedBefore(Instant before) {
        return jdbc.sql(DELETE_DECIDED).param("before", Timestamps.param(Objects.requireNonNull(before, "before")))
                .update();
    }
}
