package dev.aikagi.core.factor.backup;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The current set as the settings page shows it: each code (when the operator allows showing codes
 * again), whether and when it was used, and when the set was made.
 */
public record BackupCodeView(Instant createdAt, List<Entry> entries, boolean revealable) {

    /** @param code {@code 1234 5678}, or empty in "show once" mode */
    public record Entry(int position, Optional<String> code, Optional<Instant> usedAt) {
        public Entry {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(usedAt, "usedAt");
        }

        @Override
        public String toString() {
            return "Entry[position=" + position + ", used=" + usedAt.isPresent() + "]";
        }
    }

    public BackupCodeView {
        Objects.requireNonNull(createdAt, "createdAt");
        entries = List.copyOf(entries);
    }

    public int remaining() {
        return (int) entries.stream().filter(e -> e.usedAt().isEmpty()).count();
    }
}
