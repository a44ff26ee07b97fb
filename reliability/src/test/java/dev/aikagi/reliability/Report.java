package dev.aikagi.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/** {@code target/reliability.txt}: each test class appends its figures, under a heading with the time (one file per test run). */
final class Report {

    /** The first section of a test JVM starts the file afresh; later ones append. */
    private static boolean started;

    private Report() {
    }

    static Path file() {
        return Path.of(System.getProperty("reliability.report", "target/reliability.txt"));
    }

    static synchronized void section(String title, String... lines) {
        StringBuilder text = new StringBuilder();
        text.append("== ").append(title).append(" (").append(Instant.now()).append(")\n");
        for (String line : lines) {
            text.append("   ").append(line).append('\n');
        }
        text.append('\n');
        System.out.print(text);
        try {
            Files.createDirectories(file().toAbsolutePath().getParent());
            if (!started) {
                Files.deleteIfExists(file());
                started = true;
            }
            Files.writeString(file(), text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
