package dev.aikagi.core.support;

import dev.aikagi.core.delivery.Channel;
import dev.aikagi.core.delivery.Deliveries;
import dev.aikagi.core.delivery.DeliveryTexts;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/** The emails a support request's contact address receives: queued with the change, sent once it is stored. */
public final class SupportMail {

    private final Deliveries messages;
    private final DeliveryTexts texts;

    public SupportMail(Deliveries messages, DeliveryTexts texts) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.texts = Objects.requireNonNull(texts, "texts");
    }

    /** Queues an email to the case's contact address; returns its id for {@link Deliveries#sendNow}. */
    UUID queue(SupportCase supportCase, String template, Map<String, String> arguments) {
        return messages.enqueue(Channel.EMAIL, supportCase.contactEmail(),
                texts.render(template, Channel.EMAIL, supportCase.language(), arguments),
                supportCase.accountId().orElse(null), template, SupportService.MESSAGE_LIFETIME);
    }

    /** Sends a queued email now (after its transaction); if that fails, the dispatcher tries again. */
    void sendNow(UUID id) {
        messages.sendNow(id);
    }
}
