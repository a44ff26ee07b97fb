package dev.aikagi.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Devices read from real User-Agent headers, kept language-neutral and shown in Japanese and English. */
class DevicesTest {

    private static final Properties JA = MessageBundlesTest.bundle("messages_ja.properties");
    private static final Properties EN = MessageBundlesTest.bundle("messages.properties");

    static Stream<Arguments> headers() {
        return Stream.of(
                arguments("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Chrome/131.0.0.0 Safari/537.36", "chrome/windows", "Windows の Chrome", "Chrome on Windows"),
                arguments("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                        + "Version/17.5 Mobile/15E148 Safari/604.1", "safari/iphone", "iPhone の Safari", "Safari on iPhone"),
                arguments("Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                        + "Version/17.5 Mobile/15E148 Safari/604.1", "safari/ipad", "iPad の Safari", "Safari on iPad"),
                arguments("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
                        "firefox/linux", "Linux の Firefox", "Firefox on Linux"),
                arguments("Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
                        "firefox/linux", "Linux の Firefox", "Firefox on Linux"),
                arguments("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "edge/windows", "Windows の Edge", "Edge on Windows"),
                arguments("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Chrome/131.0.6778.39 Mobile Safari/537.36", "chrome/android", "Android の Chrome", "Chrome on Android"),
                arguments("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                        + "Version/17.5 Safari/605.1.15", "safari/macos", "macOS の Safari", "Safari on macOS"),
                arguments("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                        + "CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1", "chrome/iphone", "iPhone の Chrome", "Chrome on iPhone"),
                arguments("Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36", "samsung/android",
                        "Android の Samsung Internet", "Samsung Internet on Android"),
                arguments("curl/8.5.0", "unknown/unknown", "不明なデバイス", "an unknown device"),
                arguments("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                        "unknown/unknown", "不明なデバイス", "an unknown device"),
                arguments("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "HeadlessChrome/131.0.0.0 Safari/537.36", "unknown/windows", "Windows の 不明なブラウザ",
                        "an unknown browser on Windows"),
                arguments("Mozilla/5.0 (PlayStation; PlayStation 5/2.26) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                        + "Version/13.0 Safari/605.1.15", "safari/unknown", "不明な OS の Safari", "Safari on an unknown system"),
                arguments("", "unknown/unknown", "不明なデバイス", "an unknown device"),
                arguments(null, "unknown/unknown", "不明なデバイス", "an unknown device"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("headers")
    void describeWhenRealUserAgentThenNeutralNamesShownInTheReadersLanguage(String header, String stored,
                                                                            String japanese, String english) {
        assertThat(Devices.describe(header)).isEqualTo(stored);
        assertThat(Devices.render(stored, JA::getProperty)).isEqualTo(japanese);
        assertThat(Devices.render(stored, EN::getProperty)).isEqualTo(english);
    }

    @Test
    void describeWhenHeaderNamesAMadeUpBotThenNothingOfItIsKept() {
        // ua-parser's family would be "CallThisNumberbot": a notice must not carry what the logger chose.
        String stored = Devices.describe("Mozilla/5.0 (compatible; CallThisNumberbot/1.0; +https://evil.example)");
        assertThat(stored).isEqualTo("unknown/unknown");
    }

    @Test
    void describeWhenMoreDistinctHeadersThanCachedThenEachStillDescribedByItsOwnParse() {
        String chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/131.0.0.0 Safari/537.36";
        assertThat(Devices.describe(chrome)).isEqualTo("chrome/windows");
        for (int i = 0; i <= Devices.CACHED; i++) {
            assertThat(Devices.describe("Mozilla/5.0 (compatible; Crawler" + i + "/1.0)")).isEqualTo("unknown/unknown");
        }
        assertThat(Devices.describe(chrome)).isEqualTo("chrome/windows");
        assertThat(Devices.describe(chrome.replace("Windows NT 10.0; Win64; x64", "X11; Linux x86_64")))
                .isEqualTo("chrome/linux");
    }

    @Test
    void describeWhenHeaderOverlongAndCraftedThenOnlyItsStartIsReadQuickly() {
        Devices.describe("warm-up");
        String crafted = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                + "Chrome/131.0.0.0 Safari/537.36" + " (".repeat(200_000) + "Firefox/1.0 iPhone Googlebot";
        long started = java.lang.System.nanoTime();
        String stored = Devices.describe(crafted);
        Duration took = Duration.ofNanos(java.lang.System.nanoTime() - started);

        assertThat(stored).isEqualTo("chrome/windows");
        assertThat(took).as("parsing %d characters", crafted.length()).isLessThan(Duration.ofSeconds(1));
        assertThat(Devices.render(stored, JA::getProperty)).isEqualTo("Windows の Chrome");
    }

    @Test
    void renderWhenWhatOlderVersionsStoredThenShownAsItIs() {
        for (String old : new String[] {"Chrome / Windows", "a browser / an unknown system", "unknown browser", "",
                "chrome/beos", "netscape/windows"}) {
            assertThat(Devices.render(old, JA::getProperty)).isEqualTo(old);
        }
        assertThat(Devices.render(null, JA::getProperty)).isEmpty();
    }

    @Test
    void renderWhenTheApiLoggedInThenTheAppInTheReadersLanguage() {
        assertThat(Devices.render(Devices.APP, JA::getProperty)).isEqualTo("アプリ");
        assertThat(Devices.render(Devices.APP, EN::getProperty)).isEqualTo("an app");
    }

    @Test
    void keysWhenLookedUpThenInEveryBundleOfBothLanguages() {
        for (String bundle : new String[] {"messages", "messages_ja", "notifications", "notifications_ja"}) {
            assertThat(MessageBundlesTest.bundle(bundle + ".properties").stringPropertyNames()).as(bundle)
                    .containsAll(Devices.KEYS);
        }
    }
}
