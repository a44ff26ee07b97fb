package dev.aikagi.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * The API's refusals written by servlet filters and Spring Security's handlers, which run before (or outside)
 * Spring MVC and its {@link ApiProblemHandler}: the same RFC 9457 shape with a stable {@code code}, and the
 * {@code detail} from the pages' bundle ({@code api.error.<code>}) in the language of {@code Accept-Language}, as
 * every other API answer (docs/STYLE.md rule 18). The bundle is read directly, since a filter has no
 * {@code MessageSource}; both are the same {@code messages*.properties} files.
 */
public final class FilterProblems {

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private FilterProblems() {
    }

    /** The translated text of {@code api.error.<code>}, or of {@code key} when it is a full key. */
    public static String detail(String key, Locale locale) {
        String full = key.contains(".") ? key : "api.error." + key;
        try {
            return ResourceBundle.getBundle("messages", locale, NO_FALLBACK).getString(full);
        } catch (MissingResourceException missing) {
            return ResourceBundle.getBundle("messages", Locale.ROOT, NO_FALLBACK).getString(full);
        }
    }

    /** Writes the problem {@code code} with {@code status}; its detail is {@code api.error.<code>}. */
    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String code)
            throws IOException {
        write(request, response, status, code, "api.error." + code);
    }

    /** Writes the problem {@code code} with {@code status} and the text of {@code key} as its detail. */
    public static void write(HttpServletRequest request, HttpServletResponse response, int status, String code,
                             String key) throws IOException {
        Locale locale = PageLocales.fromAcceptLanguage(request);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Content-Language", locale.toLanguageTag());
        response.getWriter().write("{\"type\":\"urn:aikagi:problem:" + code + "\",\"title\":\""
                + HttpStatus.valueOf(status).getReasonPhrase() + "\",\"status\":" + status + ",\"detail\":\""
                + json(detail(key, locale)) + "\",\"code\":\"" + code + "\"}");
    }

    private static String json(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
