package dev.aikagi.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Issue 17: which zone a page's times are in — chosen, else the browser's, else the language's, else the operator's. */
class PageZonesTest {

    private static final ZoneId OPERATOR = ZoneId.of("Europe/Berlin");
    private final PageZones zones = new PageZones(OPERATOR);

    private static MockHttpServletRequest withCookie(String value) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setCookies(new Cookie(PageZones.COOKIE, value));
        return request;
    }

    @Test
    void ofWhenNothingKnownThenTheLanguagesUsualZoneElseTheOperators() {
        assertThat(zones.of(new MockHttpServletRequest(), Locale.JAPANESE)).isEqualTo(ZoneId.of("Asia/Tokyo"));
        assertThat(zones.of(new MockHttpServletRequest(), Locale.ENGLISH)).isEqualTo(OPERATOR);
    }

    @Test
    void ofWhenTheBrowserReportsAZoneThenThatZoneOverTheLanguages() {
        assertThat(zones.of(withCookie("America%2FNew_York"), Locale.JAPANESE)).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(zones.of(withCookie("Etc%2FGMT%2B9"), Locale.ENGLISH)).isEqualTo(ZoneId.of("Etc/GMT+9"));
    }

    @Test
    void ofWhenTheCookieIsNotAKnownZoneThenIgnored() {
        for (String bad : new String[] {"", "Mars%2FBase", "+09:00", "UTC+9", "%E0%A4%A", "Asia/Tokyo".repeat(10)}) {
            assertThat(zones.of(withCookie(bad), Locale.JAPANESE)).as(bad).isEqualTo(ZoneId.of("Asia/Tokyo"));
        }
    }

    @Test
    void ofWhenTheAccountChoseAZoneThenThatZoneOverTheBrowsers() {
        MockHttpServletRequest request = withCookie("America%2FNew_York");
        request.setAttribute(PageZones.CHOSEN, ZoneId.of("Asia/Kolkata"));
        assertThat(zones.of(request, Locale.JAPANESE)).isEqualTo(ZoneId.of("Asia/Kolkata"));
    }

    @Test
    void pageFormatsWhenAJapaneseReaderThenTheTimeIsInJstAndSaysSo() {
        PageFormats formats = new PageFormats(zones);
        assertThat(formats.time(Instant.parse("2026-12-06T23:37:00Z"), Locale.JAPANESE)).isEqualTo("8:37 JST");
    }
}
