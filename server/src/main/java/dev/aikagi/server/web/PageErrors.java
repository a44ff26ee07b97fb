package dev.aikagi.server.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
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

    private static final long MAX_WAIT_SECONDS = 600;

    private final MessageSource messages;
    private final PageFormats formats;
    private final Clock clock;

    PageErrors(MessageSource messages, PageFormats formats, Clock clock) {
        this.messages = Objects.requireNonNull(messages, "messages");
        this.formats = Objects.requireNonNull(formats, "formats");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /** The refusal's text: its key with its arguments, or with the time to try again. */
    public String text(Refusal refusal, Locale locale) {
        if (SendAgain.is(refusal) && refusal.retryAt().isPresent()) {
            long seconds = SendAgain.secondsUntil(refusal.retryAt().get(), clock.instant());
            return text(refusal.key(), locale, SendAgain.countdown(seconds));
        }
        if (refusal.retryInText()) {
            return refusal.retryAt()
                    .map(at -> text(refusal.key(), locale, formats.time(at, locale)))
                    .orElseGet(() -> text(refusal.key() + ".later", locale));
        }
        return text(refusal.key(), locale, refusal.arguments().toArray());
    }

    /** A refusing page: its status, and its {@code error} text. */
    public void show(Refusal refusal, HttpServletResponse response, Model model, Locale locale) {
        if (SendAgain.is(refusal)) {
            showSentRecently(refusal, null, response, model, locale);
            return;
        }
        response.setStatus(refusal.status().value());
        model.addAttribute("error", text(refusal, locale));
    }

    /**
     * A refusing page, naming where the last code went when the refusal is "send again" too soon (issue 17): not
     * an error but a notice, "We sent a code to •••• ••78.", and the wait to the second, which {@code app.js}
     * counts down (the {@code messages} fragment renders it; buttons marked {@code data-send-again} wait for it).
     *
     * @param destination the masked address the last code went to; null where the page does not know it
     */
    public void show(Refusal refusal, String destination, HttpServletResponse response, Model model, Locale locale) {
        if (SendAgain.is(refusal)) {
            showSentRecently(refusal, destination, response, model, locale);
        } else {
            show(refusal, response, model, locale);
        }
    }

    private void showSentRecently(Refusal refusal, String destination, HttpServletResponse response, Model model,
                                  Locale locale) {
        response.setStatus(refusal.status().value());
        model.addAttribute("notice", destination == null || destination.isEmpty()
                ? text("send_again.sent", locale) : text("send_again.sent_to", locale, destination));
        sendAgainWait(refusal.retryAt().orElseGet(clock::instant), model, locale);
    }

    /**
     * "You can ask for another in 0:27" under the page's messages, counted down by {@code app.js}, which keeps
     * the buttons marked {@code data-send-again} disabled until then (issue 17). Nothing when {@code nextSendAt}
     * has passed.
     */
    public void sendAgainWait(Instant nextSendAt, Model model, Locale locale) {
        Instant now = clock.instant();
        long seconds = SendAgain.secondsUntil(nextSendAt, now);
        if (seconds == 0 || seconds > MAX_WAIT_SECONDS) {
            return; // passed, or not a cool-down (a tampered hint in the address)
        }
        // The sentence around the time, so that the page can put the time in an element the script counts down.
        String marker = "\u0000";
        String sentence = text("send_again.wait", locale, marker);
        int at = sentence.indexOf(marker);
        model.addAttribute("sendAgainBefore", at < 0 ? sentence : sentence.substring(0, at));
        model.addAttribute("sendAgainAfter", at < 0 ? "" : sentence.substring(at + marker.length()));
        model.addAttribute("sendAgainIn", SendAgain.countdown(seconds));
        model.addAttribute("sendAgainSeconds", seconds);
        model.addAttribute("nextSendAt", nextSendAt.toString());
    }
}
