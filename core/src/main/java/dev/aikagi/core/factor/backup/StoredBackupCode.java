package dev.aikagi.core.factor.backup;

import dev.aikagi.core.crypto.KeyedDigest;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One backup code as stored: never in plain text.
 *
 * @param position 0-based place in the set, so the set is shown in a stable order
 * @param sealed the code encrypted for showing again, or null in "show once" mode
 * @param usedAt null while unused
 */
public record StoredBackupCode(UUID id, int position, KeyedDigest digest, String sealed, Instant usedAt) {
    public StoredBackupCode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(digest, "digest");
    }

    public boolean isUsed() {
        return usedAt != null;
    }

    public StoredBackupCode usedAt(Instant at) {
        return new StoredBackupCode(id, position, digest, sealed, at);
    }

    /** Associated data binding a sealed code to its row. */
    public static String sealingContext(UUID codeId) {
        return "backup:" + codeId;
    }

    @Override
    public String toString() {
        return "StoredBackupCode[id=" + id + ", position=" + position + ", used=" + isUsed() + "]";
    }
}
