package dev.aikagi.core.factor.backup;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A set just made, with its codes in plain text for showing this once. Valid from the moment it exists.
 */
public record IssuedBackupCodes(UUID setId, Instant createdAt, List<String> codes) {
    public IssuedBackupCodes {
        Objects.requireNonNull(setId, "setId");
        Objects.requireNonNull(createdAt, "createdAt");
        codes = List.copyOf(codes);
    }

    /** The codes as people read them: {@code 1234 5678}. */
    public List<String> displayed() {
        return codes.stream().map(BackupCodeFormat::display).toList();
    }

    @Override
    public String toString() {
        return "IssuedBackupCodes[setId=" + setId + ", count=" + codes.size() + "]";
    }
}
