package dev.aikagi.server.delivery;

import dev.aikagi.core.delivery.Message;
import dev.aikagi.jdbc.JdbcOutbox;
import dev.aikagi.server.properties.AikagiProperties;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * The development outbox: what the {@code outbox} gateway "sent", newest first, so a developer (or a test)
 * reads login codes without an SMS provider or a mail server. Only in development mode and only while a
 * channel goes to the outbox; otherwise the address does not exist (404, like any unknown path). Bodies
 * hold live codes in clear text, which is why no production server ever shows them.
 *
 * <p>{@code Accept: application/json} gets {@code [{"channel":"sms","to":…,"subject":…,"body":…,
 * "createdAt":"2026-…Z"}]} ({@code createdAt}: when the message arrived, ISO-8601); anything else, also no
 * {@code Accept} header at all, the HTML page.
 */
@Controller
class DevOutboxController {

    /** Deliveries shown at most. */
    static final int LIMIT = 200;

    private final JdbcOutbox outbox;
    private final boolean enabled;

    DevOutboxController(JdbcOutbox outbox, AikagiProperties aikagi, DeliveryProperties delivery) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.enabled = aikagi.mode() == AikagiProperties.Mode.DEVELOPMENT && delivery.usesOutbox();
    }

    /** One message as the JSON lists it. */
    record Item(String channel, String to, String subject, String body, String createdAt) {
        static Item of(Message message) {
            return new Item(message.channel().value(), message.to(), message.subject(), message.body(),
                    message.createdAt().toString());
        }
    }

    @GetMapping(path = "/dev/outbox", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    List<Item> json(HttpServletResponse response) {
        return items(response);
    }

    /** The page for browsers, and for clients that accept any type: the all-types entry matches them first. */
    @GetMapping(path = "/dev/outbox", produces = {MediaType.TEXT_HTML_VALUE, MediaType.ALL_VALUE})
    String page(Model model, HttpServletResponse response) {
        model.addAttribute("messages", items(response));
        return "dev/outbox";
    }

    private List<Item> items(HttpServletResponse response) {
        if (!enabled) {
            // Handled like an unknown address: the 404 page, or Spring Boot's JSON error for JSON clients.
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        // Live codes: keep them out of caches.
        response.setHeader("Cache-Control", "no-store");
        return outbox.latest(LIMIT).stream().map(Item::of).toList();
    }
}
