package dev.aikagi.core.factor.backup;

import dev.aikagi.core.account.AccountId;
import dev.aikagi.core.crypto.KeyedDigest;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Backup-code sets for tests: random ids, salts and digests, so tests sharing a database never collide. */
public final class TestBackupCodes {

    private TestBackupCodes() {
    }

    /** A set of {@code size} unused codes at positions 0…size-1, each with a sealed copy. */
    public static BackupCodeSet set(AccountId owner, Instant createdAt, int size) {
        List<StoredBackupCode> codes = new ArrayList<>();
        for (int position = 0; position < size; position++) {
            codes.add(code(position, "k1:sealed-" + position, null));
        }
        return new BackupCodeSet(UUID.randomUUID(), owner, createdAt, codes);
    }

    /** One code with a random 16-byte salt and 32-byte digest, as {@code CodeDigester} makes them. */
    public static StoredBackupCode code(int position, String sealed, Instant usedAt) {
        KeyedDigest digest = new KeyedDigest("pepper-1", randomBytes(16), randomBytes(32));
        return new StoredBackupCode(UUID.randomUUID(), position, digest, sealed, usedAt);
    }

    private static byte[] randomBytes(int length) {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.remaining() > 0) {
            UUID uuid = UUID.randomUUID();
            buffer.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        }
        return buffer.array();
    }
}
