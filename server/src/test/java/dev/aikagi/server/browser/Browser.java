package dev.aikagi.server.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One Chromium window on the server under test, in one language and at one size. Every page the
 * window reaches is photographed ({@code target/screenshots/<name>-<width>-<lang>/NN-step.png}) and
 * checked for what a person would notice at once: a page wider than the window, a message key shown
 * instead of its text, and {@code <html lang>} not the language asked for. Used by one thread at a time.
 */
final class Browser implements AutoCloseable {

    /** Long enough for a slow CI machine; a page that needs longer is a failure anyway. */
    static final Duration PAGE_LOAD = Duration.ofSeconds(15);
    static final Duration POLL = Duration.ofMillis(25);

    /** What Thymeleaf renders for a message key missing from the bundle: {@code ??key_ja??}. */
    private static final Pattern MISSING_MESSAGE = Pattern.compile("\\?\\?[^?\\s]+\\?\\?");

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Screen screen;
    private final Locale language;
    private final Path screenshots;
    private final Path profile;
    private final WebDriverWait wait;
    private final List<String> pageProblems = new ArrayList<>();
    private int step;

    Browser(ChromeDriver driver, String baseUrl, Screen screen, Locale language, Path screenshots, Path profile) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.screen = Objects.requireNonNull(screen, "screen");
        this.language = Objects.requireNonNull(language, "language");
        this.screenshots = Objects.requireNonNull(screenshots, "screenshots");
        this.profile = Objects.requireNonNull(profile, "profile");
        // Pages here load in milliseconds; the default half-second polling would dominate the suite's time.
        this.wait = new WebDriverWait(driver, PAGE_LOAD, POLL);
    }

    ChromeDriver driver() {
        return driver;
    }

    Locale language() {
        return language;
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    /** The path and query of the page shown, without scheme and host. */
    String path() {
        URI uri = URI.create(Objects.requireNonNull(driver.getCurrentUrl()));
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** Waits for {@code condition}; on timeout, photographs the page and says which page it was. */
    <T> T until(ExpectedCondition<T> condition) {
        try {
            return wait.until(condition);
        } catch (TimeoutException e) {
            throw new AssertionError(timeoutReport(), e);
        }
    }

    private String timeoutReport() {
        String where = "timed out on " + driver.getCurrentUrl();
        try {
            screenshot("timeout");
            String text = find(By.tagName("body")).getText();
            return where + " (screenshot " + screenshots.resolve(String.format(Locale.ROOT, "%02d-timeout.png", step))
                    + "), page text:\n" + text.substring(0, Math.min(text.length(), 1500));
        } catch (RuntimeException unreadable) {
            return where;
        }
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    boolean has(By by) {
        return !driver.findElements(by).isEmpty();
    }

    /** Clicks something that submits a form or follows a link, and waits until the next page replaced this one. */
    void clickAndWait(WebElement element) {
        WebElement current = find(By.tagName("html"));
        element.click();
        waitForNextPage(current);
    }

    /** After a form was sent some other way (a key press): waits until {@code previous} is gone. */
    void waitForNextPage(WebElement previous) {
        until(d -> {
            // Mid-navigation Chromium may answer "node does not belong to the document" or
            // "document unloaded" rather than "stale": not there yet, ask again.
            try {
                previous.getTagName();
                return false;
            } catch (StaleElementReferenceException gone) {
                // The next page has replaced it; wait for that page to finish loading.
            } catch (WebDriverException navigating) {
                return false;
            }
            try {
                return "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState"));
            } catch (WebDriverException loading) {
                return false;
            }
        });
    }

    Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /**
     * Photographs the whole page (not just the window: a phone-sized window would cut off the
     * buttons under a list of codes) and records what is visibly wrong with it.
     */
    void screenshot(String name) {
        step++;
        String file = String.format(Locale.ROOT, "%02d-%s.png", step, name);
        Map<String, Object> page = inspect(file);
        try {
            Files.createDirectories(screenshots);
            Files.write(screenshots.resolve(file), fullPage(((Number) page.get("pageWidth")).doubleValue(),
                    ((Number) page.get("pageHeight")).doubleValue()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything {@link #screenshot} noticed so far, one line each, naming the screenshot. */
    List<String> pageProblems() {
        return List.copyOf(pageProblems);
    }

    Path screenshots() {
        return screenshots;
    }

    private byte[] fullPage(double width, double height) {
        try {
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                    "format", "png",
                    "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", Math.max(width, screen.width), "height", height, "scale", 1)));
            return Base64.getDecoder().decode((String) shot.get("data"));
        } catch (RuntimeException cdpUnavailable) {
            return driver.getScreenshotAs(OutputType.BYTES);
        }
    }

    /** Records what is wrong with the page; returns its measurements (one round trip for all of it). */
    private Map<String, Object> inspect(String file) {
        // The width the page takes beyond the window (and what sticks out), the visible text, the
        // page's declared language, and its full size for the screenshot.
        @SuppressWarnings("unchecked")
        Map<String, Object> page = (Map<String, Object>) script("""
                const limit = document.documentElement.clientWidth;
                const overflow = document.documentElement.scrollWidth - limit;
                const culprits = overflow <= 0 ? [] : Array.from(document.body.querySelectorAll('*'))
                    .filter(e => e.getBoundingClientRect().right > limit + 0.5)
                    .slice(0, 5)
                    .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                        + (typeof e.className === 'string' && e.className.trim()
                            ? '.' + e.className.trim().split(/\\s+/).join('.') : ''));
                return {width: window.innerWidth, overflow: overflow, culprits: culprits.join(', '),
                        text: document.body.innerText, lang: document.documentElement.lang,
                        pageWidth: document.documentElement.scrollWidth,
                        pageHeight: Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)};""");
        int width = ((Number) page.get("width")).intValue();
        if (width != screen.width) {
            pageProblems.add(file + ": laid out " + width + " px wide in a " + screen.width
                    + " px window (something too wide, or no <meta name=\"viewport\">)");
        }
        int overflow = ((Number) page.get("overflow")).intValue();
        if (overflow > 0) {
            pageProblems.add(file + ": page is " + overflow + " px wider than the " + screen.width
                    + " px window (sticking out: " + page.get("culprits") + ")");
        }
        Matcher missing = MISSING_MESSAGE.matcher((String) page.get("text"));
        while (missing.find()) {
            pageProblems.add(file + ": message key without text " + missing.group());
        }
        String lang = (String) page.get("lang");
        if (lang == null || !lang.startsWith(language.getLanguage())) {
            pageProblems.add(file + ": <html lang=\"" + lang + "\"> on a page asked for in " + language);
        }
        return page;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile();
        }
    }

    private void deleteProfile() {
        deleteTree(profile);
    }

    /** Best effort: a leftover temporary folder is harmless, the test's outcome is what matters. */
    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // See above.
        }
    }
}
