package dev.aikagi.core.message;

import java.util.Objects;

/** A rendered message: the subject (email only) and the body, in the recipient's language. */
public record MessageText(String subject, String body) {

    public MessageText {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }
}
