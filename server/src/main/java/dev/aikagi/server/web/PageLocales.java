package dev.aikagi.server.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The languages of the pages: English and Japanese. The choice made with {@code ?lang=en|ja} is kept
 * in a cookie; without one, the best match of {@code Accept-Language}; English otherwise. Whatever a
 * cookie or a parameter says, only a supported language comes out, so {@code <html lang>} and the
 * message bundles always agree.
 */
public final class PageLocales {

    public static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.JAPANESE);
    public static final String PARAMETER = "lang";

    private PageLocales() {
    }

    /** The supported language nearest to {@code locale}, or empty. */
    public static Optional<Locale> supported(Locale locale) {
        if (locale == null) {
            return Optional.empty();
        }
        return SUPPORTED.stream().filter(s -> s.getLanguage().equals(locale.getLanguage())).findFirst();
    }

    /** The first supported language of {@code Accept-Language} in the client's order of preference. */
    public static Locale fromAcceptLanguage(HttpServletRequest request) {
        for (Locale candidate : Collections.list(request.getLocales())) {
            Optional<Locale> match = supported(candidate);
            if (match.isPresent()) {
                return match.get();
            }
        }
        return Locale.ENGLISH;
    }

    /** The locale resolver: a cookie (HttpOnly, SameSite=Lax, Secure when the other cookies are). */
    public static LocaleResolver resolver(String cookieName, boolean secure) {
        CookieLocaleResolver cookies = new CookieLocaleResolver(cookieName);
        cookies.setCookieMaxAge(Duration.ofDays(365));
        cookies.setCookieHttpOnly(true);
        cookies.setCookieSecure(secure);
        cookies.setCookieSameSite("Lax");
        cookies.setCookiePath("/");
        cookies.setDefaultLocaleFunction(PageLocales::fromAcceptLanguage);
        return new SupportedOnly(cookies);
    }

    /** The {@code ?lang=} interceptor; anything but {@code en} or {@code ja} is ignored. */
    public static LocaleChangeInterceptor changeInterceptor() {
        LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor() {
            @Override
            protected Locale parseLocaleValue(String value) {
                return SUPPORTED.stream().filter(s -> s.getLanguage().equals(value)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("unsupported language"));
            }
        };
        interceptor.setParamName(PARAMETER);
        interceptor.setIgnoreInvalidLocale(true);
        interceptor.setHttpMethods("GET", "HEAD");
        return interceptor;
    }

    /**
     * Narrows whatever the cookie holds to a supported language. Deliberately not a
     * {@code LocaleContextResolver}, so the dispatcher asks {@link #resolveLocale} and nothing else.
     */
    private static final class SupportedOnly implements LocaleResolver {

        private final CookieLocaleResolver cookies;

        SupportedOnly(CookieLocaleResolver cookies) {
            this.cookies = Objects.requireNonNull(cookies, "cookies");
        }

        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            return supported(cookies.resolveLocale(request)).orElseGet(() -> fromAcceptLanguage(request));
        }

        @Override
        public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
            cookies.setLocale(request, response, supported(locale).orElse(null));
        }
    }
}
