package dev.aikagi.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The users file: one account a line, tab-separated
 * {@code username password totp-secret(base32) last-step backup-codes(comma-separated) device-cookie}.
 * The generator writes it back after a run, so a second run against the same server neither replays a
 * TOTP step nor reuses a backup code.
 */
final class BenchUsers {

    private BenchUsers() {
    }

    static List<BenchUser> read(Path file) {
        try {
            List<BenchUser> users = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < 5) {
                    throw new IllegalArgumentException("bad line in " + file + ": " + f.length + " fields");
                }
                List<String> codes = f[4].isEmpty() ? List.of() : Arrays.asList(f[4].split(","));
                String device = f.length > 5 && !f[5].isEmpty() ? f[5] : null;
                users.add(new BenchUser(f[0], f[1], f[2], codes, Long.parseLong(f[3]), device));
            }
            return users;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, List<BenchUser> users) {
        StringBuilder out = new StringBuilder("# username\tpassword\ttotp-secret\tlast-step\tbackup-codes\tdevice\n");
        for (BenchUser u : users) {
            out.append(u.username).append('\t').append(u.password).append('\t').append(u.totpSecret).append('\t')
                    .append(u.lastStep).append('\t').append(String.join(",", u.backupCodes)).append('\t')
                    .append(u.deviceCookie == null ? "" : u.deviceCookie).append('\n');
        }
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, out, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
