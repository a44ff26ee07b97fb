package dev.aikagi.core.support;

import java.time.Duration;
import java.util.Objects;

/**
 * The operator's support settings.
 *
 * @param requireTwoApprovals approval needs two different agents
 * @param uploadMaxBytes the largest file accepted
 * @param maxFiles how many files one request may carry
 * @param retention how long files are kept after the case is decided
 */
public record SupportPolicy(boolean requireTwoApprovals, long uploadMaxBytes, int maxFiles, Duration retention) {

    public static final SupportPolicy DEFAULT = new SupportPolicy(false, 5L * 1024 * 1024, 5, Duration.ofDays(30));

    public SupportPolicy {
        Objects.requireNonNull(retention, "retention");
        if (uploadMaxBytes <= 0 || uploadMaxBytes > 20L * 1024 * 1024) {
            throw new IllegalArgumentException("upload limit must be 1 byte to 20 MiB, was " + uploadMaxBytes);
        }
        if (maxFiles < 0 || maxFiles > 20) {
            throw new IllegalArgumentException("files per request must be 0 to 20, was " + maxFiles);
        }
        if (retention.isNegative()) {
            throw new IllegalArgumentException("retention must not be negative");
        }
    }
}
