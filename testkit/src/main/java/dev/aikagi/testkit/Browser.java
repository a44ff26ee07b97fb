package dev.aikagi.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium window, in one language and at one size, with its own empty profile (no cookie or
 * saved password leaks from one journey into another): {@code Browser.chromium().named("journey")
 * .screen(Screen.PHONE).language(Locale.JAPANESE).open(baseUrl)}.
 *
 * <p>Every page photographed ({@code target/screenshots/<name>-<width>-<lang>/NN-step.png}) is also checked for
 * what a person would notice at once: a page wider than the window, a message key shown instead of its text,
 * {@code <html lang>} not the language asked for, and what axe-core finds against WCAG 2.2 AA (issue 17: 0
 * violations on every page, in both languages) ({@link #pageProblems()}). Used by one thread at a time.
 */
public final class Browser implements AutoCloseable {

    /** Long enough for a slow CI machine; a page that needs longer is a failure anyway. */
    public static final Duration PAGE_LOAD = Duration.ofSeconds(15);
    /** Pages here load in milliseconds; the default half-second polling would dominate the suite's time. */
    public static final Duration POLL = Duration.ofMillis(25);
    /** Where the screenshots go: {@code <module>/target/screenshots} under Maven. */
    public static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");

    /** What Thymeleaf renders for a message key missing from the bundle: {@code ??key_ja??}. */
    private static final Pattern MISSING_MESSAGE = Pattern.compile("\\?\\?[^?\\s]+\\?\\?");

    /** The axe-core rules run on every page: those of WCAG 2.0, 2.1 and 2.2, levels A and AA. */
    private static final List<String> AXE_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Screen screen;
    private final Locale language;
    private final Path screenshots;
    private final Path profile;
    private final WebDriverWait wait;
    private final List<String> pageProblems = new ArrayList<>();
    private int step;

    private Browser(ChromeDriver driver, String baseUrl, Screen screen, Locale language, Path screenshots, Path profile) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
        this.screen = Objects.requireNonNull(screen, "screen");
        this.language = Objects.requireNonNull(language, "language");
        this.screenshots = Objects.requireNonNull(screenshots, "screenshots");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.wait = new WebDriverWait(driver, PAGE_LOAD, POLL);
    }

    /** A browser to be: named, sized and in a language, then {@link Builder#open opened}. */
    public static Builder chromium() {
        return new Builder();
    }

    public ChromeDriver driver() {
        return driver;
    }

    public Locale language() {
        return language;
    }

    /** Goes to {@code path} on the base URL the browser was opened with, or to an absolute URL. */
    public void open(String pathOrUrl) {
        driver.get(pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://") ? pathOrUrl : baseUrl + pathOrUrl);
    }

    public String url() {
        return Objects.requireNonNull(driver.getCurrentUrl());
    }

    /** The path and query of the page shown, without scheme and host. */
    public String path() {
        URI uri = URI.create(url());
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** The host, port and path of the page shown, e.g. {@code 127.0.0.1:8080/login}. */
    public String where() {
        URI uri = URI.create(url());
        return uri.getHost() + ":" + uri.getPort() + uri.getPath();
    }

    /** Waits for {@code condition}; on timeout, photographs the page and says which page it was. */
    public <T> T until(ExpectedCondition<T> condition) {
        try {
            return wait.until(condition);
        } catch (TimeoutException e) {
            throw new AssertionError(report("timed out"), e);
        }
    }

    /** Waits until {@code element} is on the page. */
    public void waitFor(By element) {
        until(d -> !d.findElements(element).isEmpty());
    }

    /** Fails with {@link #report} (where the browser is, what it shows, a screenshot) unless {@code condition} holds. */
    public void check(boolean condition, String expectation) {
        if (!condition) {
            throw new AssertionError(report(expectation));
        }
    }

    /** Where the browser is and the start of the page's text, for assertion messages; photographs the page. */
    public String report(String what) {
        String where = what + " on " + driver.getCurrentUrl();
        try {
            Path shot = screenshot("problem");
            String text = find(By.tagName("body")).getText();
            return where + " (screenshot " + shot + "), page text:\n" + text.substring(0, Math.min(text.length(), 1500));
        } catch (RuntimeException unreadable) {
            return where;
        }
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    public boolean has(By by) {
        return !driver.findElements(by).isEmpty();
    }

    public String text(By by) {
        return find(by).getText();
    }

    /** The text of an element that may be hidden (a closed {@code <details>}): its DOM text, not the rendered one. */
    public String hiddenText(By by) {
        return (String) driver.executeScript("return arguments[0].textContent", find(by));
    }

    /** Empties the field and types {@code text} into it. */
    public void type(By field, String text) {
        WebElement element = find(field);
        element.clear();
        element.sendKeys(text);
    }

    /** Clicks something that leads to another page (perhaps through redirects) and waits until it has loaded. */
    public void clickAndWait(By by) {
        clickAndWait(find(by));
    }

    /** Clicks something that submits a form or follows a link, and waits until the next page replaced this one. */
    public void clickAndWait(WebElement element) {
        WebElement current = find(By.tagName("html"));
        element.click();
        waitForNextPage(current);
    }

    /** After a form was sent some other way (a key press): waits until {@code previous} is gone. */
    public void waitForNextPage(WebElement previous) {
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

    public Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /**
     * Photographs the whole page (not just the window: a phone-sized window would cut off the buttons under a
     * list of codes) and records what is visibly wrong with it; returns the file.
     */
    public Path screenshot(String name) {
        step++;
        Path file = screenshots.resolve(String.format(Locale.ROOT, "%02d-%s.png", step, name));
        Map<String, Object> page = inspect(file.getFileName().toString());
        try {
            Files.createDirectories(screenshots);
            Files.write(file, fullPage(((Number) page.get("pageWidth")).doubleValue(),
                    ((Number) page.get("pageHeight")).doubleValue()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * Everything {@link #screenshot} noticed so far, one line each, naming the screenshot; and what axe-core
     * finds on the page shown now, if no screenshot checked it yet.
     */
    public List<String> pageProblems() {
        if (!Boolean.TRUE.equals(script("return window.__aikagiAxeChecked === true"))) {
            accessibility("current page " + path());
        }
        return List.copyOf(pageProblems);
    }

    public Path screenshots() {
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
        accessibility(file);
        return page;
    }

    /**
     * Runs axe-core (the rules of {@link #AXE_TAGS} only) on the page shown and records each violation: rule,
     * impact, how many elements and the first of them.
     */
    private void accessibility(String where) {
        if (!Boolean.TRUE.equals(script("return typeof window.axe === 'object'"))) {
            script(Axe.SOURCE);
        }
        Object answer = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                window.__aikagiAxeChecked = true;
                window.axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
                    .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                        count: v.nodes.length,
                        targets: v.nodes.slice(0, 3).map(n => n.target.join(' ') + (n.failureSummary
                            ? ' [' + n.failureSummary.replace(/\\s+/g, ' ').slice(0, 200) + ']' : ''))}))))
                    .catch(e => done('axe failed: ' + e));""", AXE_TAGS);
        if (!(answer instanceof List<?> violations)) {
            pageProblems.add(where + ": " + answer);
            return;
        }
        for (Object each : violations) {
            Map<?, ?> v = (Map<?, ?>) each;
            pageProblems.add(where + ": axe " + v.get("id") + " (" + v.get("impact") + ", " + v.get("count")
                    + " element(s)) " + v.get("help") + " at " + v.get("targets"));
        }
    }

    /**
     * axe-core itself, from the {@code com.deque.html.axe-core:selenium} jar on the class path (never downloaded
     * at test time); read once, on first use, for all browsers.
     */
    private static final class Axe {
        static final String SOURCE = read();

        private Axe() {
        }

        private static String read() {
            try (InputStream in = Browser.class.getClassLoader().getResourceAsStream("axe.min.js")) {
                if (in == null) {
                    throw new IllegalStateException("axe.min.js is not on the class path (com.deque.html.axe-core:selenium)");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            Folders.deleteTree(profile);
        }
    }

    /** How the browser is to be opened; {@link #open} starts it. */
    public static final class Builder {
        private String name = "browser";
        private Screen screen = Screen.PC;
        private Locale language = Locale.ENGLISH;

        private Builder() {
        }

        /** The test's name, the first part of the screenshot folder. */
        public Builder named(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        public Builder screen(Screen screen) {
            this.screen = Objects.requireNonNull(screen, "screen");
            return this;
        }

        /** The browser's language, sent as {@code Accept-Language}: the pages follow it. */
        public Builder language(Locale language) {
            this.language = Objects.requireNonNull(language, "language");
            return this;
        }

        /** A browser that opens absolute URLs only. */
        public Browser open() {
            return open("");
        }

        /** A fresh browser whose {@link Browser#open(String) paths} are relative to {@code baseUrl}. */
        public Browser open(String baseUrl) {
            Chromium.requireInstalled();
            Path profile;
            try {
                profile = Files.createTempDirectory("aikagi-chromium-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String lang = language.getLanguage();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(Chromium.BROWSER.toFile());
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--no-first-run",
                    "--disable-quic",
                    "--user-data-dir=" + profile,
                    "--window-size=" + screen.width + "," + screen.height,
                    "--lang=" + lang);
            Map<String, Object> prefs = new LinkedHashMap<>();
            prefs.put("intl.accept_languages", lang.equals("ja") ? "ja,en" : "en-US,en");
            // No "save password?" or leaked-password prompts over the pages.
            prefs.put("credentials_enable_service", false);
            prefs.put("profile.password_manager_enabled", false);
            prefs.put("profile.password_manager_leak_detection", false);
            options.setExperimentalOption("prefs", prefs);
            if (screen.phone) {
                // Chromium keeps a window at least 500 px wide even headless, so --window-size alone
                // would test 500 px. Emulating the phone's screen gives 390 px, and honours
                // <meta name="viewport"> as a phone does.
                options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", Map.of(
                        "width", screen.width, "height", screen.height, "pixelRatio", 1.0, "mobile", true, "touch", false)));
            }
            options.setPageLoadTimeout(PAGE_LOAD);
            options.setScriptTimeout(PAGE_LOAD);
            // The driver is given, so Selenium Manager never runs (and never downloads anything).
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(Chromium.DRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            Path screenshots = SCREENSHOTS.resolve(name + "-" + screen.width + "-" + lang);
            // A shorter run than the last must not leave its older pictures looking current.
            Folders.deleteTree(screenshots);
            return new Browser(driver, baseUrl, screen, language, screenshots, profile);
        }
    }
}
