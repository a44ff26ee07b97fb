package dev.aikagi.core.support;

import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of file a support request may carry, recognised by their first bytes (their "magic numbers"),
 * never by the name or the type the browser declared: a file named {@code id.jpg} that is not a JPEG is
 * refused. Only formats an agent can view without running anything (OWASP File Upload Cheat Sheet:
 * allow-list, validate the content, not the extension).
 */
public enum EvidenceType {
    /** JPEG: SOI marker and the start of the next marker, {@code FF D8 FF}. */
    JPEG("image/jpeg", "jpg", new int[] {0xFF, 0xD8, 0xFF}),
    /** PNG: the 8-byte signature of RFC 2083 §3.1 / ISO 15948 §5.2. */
    PNG("image/png", "png", new int[] {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}),
    /** PDF: the header {@code %PDF-} (ISO 32000-1 §7.5.2). */
    PDF("application/pdf", "pdf", new int[] {'%', 'P', 'D', 'F', '-'});

    private final String mediaType;
    private final String extension;
    private final int[] magic;

    EvidenceType(String mediaType, String extension, int[] magic) {
        this.mediaType = mediaType;
        this.extension = extension;
        this.magic = magic;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** The type the content is, by its first bytes. */
    public static Optional<EvidenceType> detect(byte[] content) {
        for (EvidenceType type : values()) {
            if (type.matches(content)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The type a file name claims ({@code .jpg}, {@code .jpeg}, {@code .png}, {@code .pdf}), if any. */
    public static Optional<EvidenceType> claimedBy(String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return Optional.of(JPEG);
        }
        if (name.endsWith(".png")) {
            return Optional.of(PNG);
        }
        return name.endsWith(".pdf") ? Optional.of(PDF) : Optional.empty();
    }

    public static Optional<EvidenceType> ofMediaType(String mediaType) {
        for (EvidenceType type : values()) {
            if (type.mediaType.equals(mediaType)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    private boolean matches(byte[] content) {
        if (content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if ((content[i] & 0xFF) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
