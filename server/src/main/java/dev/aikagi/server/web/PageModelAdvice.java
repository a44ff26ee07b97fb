package dev.aikagi.server.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page needs: whether someone is signed in, the language links, and the CSRF token. Pages live in
 * every journey's package, so this advice covers the whole server and leaves out the JSON API by its path.
 */
@ControllerAdvice(basePackages = "dev.aikagi.server")
public class PageModelAdvice {

    /** The model attribute the language links are built on: a path or query prefix ending in ? or &amp;. */
    public static final String LANG_BASE = "langBase";

    @ModelAttribute
    void common(HttpServletRequest request, Model model) {
        if (request.getRequestURI().startsWith("/api/")) {
            return;
        }
        // Create the CSRF token (and its cookie) now, before the page starts streaming: a cookie
        // added after the response is committed would be lost and the form would fail.
        if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
            token.getToken();
        }
        model.addAttribute("signedIn", CurrentSession.get().isPresent());
        model.addAttribute(LANG_BASE, "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())
                ? currentQueryWithoutLang(request)
                : langBase(request.getRequestURI()));
    }

    /** The language links of a page rendered for a POST: switch on {@code path}, a page that answers GET. */
    public static String langBase(String path) {
        return path + "?";
    }

    private static String currentQueryWithoutLang(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null || query.isEmpty()) {
            return "?";
        }
        String kept = Arrays.stream(query.split("&"))
                .filter(part -> !part.isEmpty() && !part.equals(PageLocales.PARAMETER)
                        && !part.startsWith(PageLocales.PARAMETER + "="))
                .collect(Collectors.joining("&"));
        return kept.isEmpty() ? "?" : "?" + kept + "&";
    }
}
