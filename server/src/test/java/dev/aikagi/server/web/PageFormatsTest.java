package dev.aikagi.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class PageFormatsTest {

    private static final Instant AT = Instant.parse("2026-11-25T04:05:00Z");

    @Test
    void timeWhenOperatorZoneIsTokyoThenTimesInTokyoWithTheZoneNamed() {
        PageFormats tokyo = new PageFormats(ZoneId.of("Asia/Tokyo"));

        // The zone's short name at that time (issue 17): "JST" for Japanese and English readers alike.
        assertThat(tokyo.time(AT, Locale.JAPANESE)).isEqualTo("13:05 JST");
        assertThat(tokyo.time(AT, Locale.ENGLISH)).matches("1:05[\\s\\u202F]PM JST");
        assertThat(tokyo.dateTime(AT, Locale.JAPANESE)).startsWith("2026/11/25 13:05");
        assertThat(tokyo.iso(AT)).isEqualTo("2026-11-25T13:05:00+09:00");
    }

    @Test
    void timeWhenUtcThenZoneNamedSoNobodyIsMisled() {
        assertThat(new PageFormats(ZoneId.of("UTC")).time(AT, Locale.ENGLISH)).matches("4:05[\\s\\u202F]AM UTC");
    }
}
