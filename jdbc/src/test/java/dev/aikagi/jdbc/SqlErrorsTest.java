package dev.aikagi.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aikagi.core.Conflict;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;

class SqlErrorsTest {

    @Test
    void conflictOnDuplicateWhenSqlStateIs23505ThenConflictWithCause() {
        DuplicateKeyException duplicate = new DuplicateKeyException("dup", new SQLException("dup", "23505"));

        assertThatThrownBy(() -> SqlErrors.conflictOnDuplicate("taken", () -> {
            throw duplicate;
        })).isInstanceOf(Conflict.class).hasMessage("taken").hasCause(duplicate);
    }

    @Test
    void conflictOnDuplicateWhenUniqueViolationIsNestedThenConflict() {
        SQLException batch = new SQLException("batch", "HY000");
        batch.setNextException(new SQLException("dup", "23505"));
        DataIntegrityViolationException wrapped =
                new DataIntegrityViolationException("wrapped", new RuntimeException(batch));

        assertThatThrownBy(() -> SqlErrors.conflictOnDuplicate("taken", () -> {
            throw wrapped;
        })).isInstanceOf(Conflict.class);
    }

    @Test
    void conflictOnDuplicateWhenOtherIntegrityViolationThenRethrownAsIs() {
        // 23503 foreign_key_violation: a programming error, not a clash with existing data.
        DataIntegrityViolationException missingParent =
                new DataIntegrityViolationException("fk", new SQLException("fk", "23503"));

        assertThatThrownBy(() -> SqlErrors.conflictOnDuplicate("taken", () -> {
            throw missingParent;
        })).isSameAs(missingParent);
    }

    @Test
    void conflictOnDuplicateWhenWriteSucceedsThenReturnsItsResult() {
        assertThat(SqlErrors.conflictOnDuplicate("taken", () -> 1)).isEqualTo(1);
    }
}
