package dev.aikagi.core.delivery;

import java.util.Objects;

/** A rendered message: the subject (email only) and the body, in the recipient's language. */
public record DeliveryText(String subject, String body) {

    public DeliveryText {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }
}
