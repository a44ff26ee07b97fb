package dev.aikagi.core.factor.backup;

/**
 * Operator settings for backup codes.
 *
 * @param setSize how many codes a set has (4–16, default 10)
 * @param showOnce when true only keyed digests are stored: nobody can show the codes again
 */
public record BackupCodePolicy(int setSize, boolean showOnce) {

    public static final BackupCodePolicy DEFAULT = new BackupCodePolicy(10, false);
    public static final int MIN_SET_SIZE = 4;
    public static final int MAX_SET_SIZE = 16;

    public BackupCodePolicy {
        if (setSize < MIN_SET_SIZE || setSize > MAX_SET_SIZE) {
            throw new IllegalArgumentException("backup code set size must be " + MIN_SET_SIZE + "-" + MAX_SET_SIZE
                    + ", was " + setSize);
        }
    }
}
