package dev.aikagi.server.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Objects;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Texts in the reader's language, from {@code messages.properties}: a page's texts, and the text of a
 * {@link Refusal} — on the page that refuses, and as the API problem's {@code detail}
 * ({@link ApiProblemHandler}), with when to try again where there is a limit.
 */
@Component
public final class PageErrors {

    private final MessageSource messages;
    private final PageFormats formats;

    PageErrors(MessageSource messages, PageFormats formats) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.formats = Objects.requireNonNull(formats, "formats");
    }

    public String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /** The refusal's text: its key with its arguments, or with the time to try again. */
    public String text(Refusal refusal, Locale locale) {
        if (refusal.retryInText()) {
            return refusal.retryAt()
                    .map(at -> text(refusal.key(), locale, formats.time(at, locale)))
                    .orElseGet(() -> text(refusal.key() + ".later", locale));
        }
        return text(refusal.key(), locale, refusal.arguments().toArray());
    }

    /** A refusing page: its status, and its {@code error} text. */
    public void show(Refusal refusal, HttpServletResponse response, Model model, Locale locale) {
        response.setStatus(refusal.status().value());
        model.addAttribute("error", text(refusal, locale));
    }
}
