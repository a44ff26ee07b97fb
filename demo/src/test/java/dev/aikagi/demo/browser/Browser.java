package dev.aikagi.demo.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
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
 * A fresh headless Chromium with its own empty profile (no cookie leaks from one journey into the next),
 * in English. Each page a journey reaches is photographed to {@code demo/target/screenshots/<name>/}.
 */
final class Browser implements AutoCloseable {

    static final Duration PAGE_LOAD = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(25);
    private static final Path SCREENSHOTS = Path.of(System.getProperty("basedir", "."), "target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    private final Path screenshots;
    private final WebDriverWait wait;
    private int step;

    private Browser(ChromeDriver driver, Path profile, Path screenshots) {
        this.driver = driver;
        this.profile = profile;
        this.screenshots = screenshots;
        this.wait = new WebDriverWait(driver, PAGE_LOAD, POLL);
    }

    static Browser launch(String name) {
        Chromium.requireInstalled();
        Path profile;
        try {
            profile = Files.createTempDirectory("aikagi-demo-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Chromium.BROWSER.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=1280,900",
                "--lang=en");
        Map<String, Object> prefs = new LinkedHashMap<>();
        prefs.put("intl.accept_languages", "en-US,en");
        prefs.put("credentials_enable_service", false);
        prefs.put("profile.password_manager_enabled", false);
        prefs.put("profile.password_manager_leak_detection", false);
        options.setExperimentalOption("prefs", prefs);
        options.setPageLoadTimeout(PAGE_LOAD);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Chromium.DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        Path screenshots = SCREENSHOTS.resolve(name);
        deleteTree(screenshots);
        return new Browser(new ChromeDriver(service, options), profile, screenshots);
    }

    void open(String url) {
        driver.get(url);
    }

    String url() {
        return Objects.requireNonNull(driver.getCurrentUrl());
    }

    /** The host, port and path of the page shown, e.g. {@code 127.0.0.1:8080/login}. */
    String where() {
        URI uri = URI.create(url());
        return uri.getHost() + ":" + uri.getPort() + uri.getPath();
    }

    WebElement find(By by) {
        return driver.findElement(by);
    }

    boolean has(By by) {
        return !driver.findElements(by).isEmpty();
    }

    String text(By by) {
        return find(by).getText();
    }

    /** The text of an element that may be hidden (a closed {@code <details>}): its DOM text, not the rendered one. */
    String hiddenText(By by) {
        return (String) driver.executeScript("return arguments[0].textContent", find(by));
    }

    void type(By field, String text) {
        WebElement element = find(field);
        element.clear();
        element.sendKeys(text);
    }

    /** Clicks something that leads to another page (perhaps through redirects) and waits until it has loaded. */
    void clickAndWait(By by) {
        WebElement current = find(By.tagName("html"));
        find(by).click();
        until(d -> {
            try {
                current.getTagName();
                return false;
            } catch (StaleElementReferenceException gone) {
                // replaced by the next page
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

    /** Waits until {@code element} is on the page; on timeout, says where the browser is and what it shows. */
    void waitFor(By element) {
        until(d -> !d.findElements(element).isEmpty());
    }

    <T> T until(ExpectedCondition<T> condition) {
        try {
            return wait.until(condition);
        } catch (TimeoutException e) {
            throw new AssertionError(report("timed out"), e);
        }
    }

    /** Fails with {@link #report} (where the browser is, what it shows, a screenshot) unless {@code condition} holds. */
    void check(boolean condition, String expectation) {
        if (!condition) {
            throw new AssertionError(report(expectation));
        }
    }

    /** Where the browser is and the start of the page's text, for assertion messages; photographs the page. */
    String report(String what) {
        String where = what + " on " + url();
        try {
            Path shot = screenshot("problem");
            String text = find(By.tagName("body")).getText();
            return where + " (screenshot " + shot + "), page text:\n" + text.substring(0, Math.min(text.length(), 1500));
        } catch (RuntimeException unreadable) {
            return where;
        }
    }

    Path screenshot(String name) {
        step++;
        Path file = screenshots.resolve(String.format(Locale.ROOT, "%02d-%s.png", step, name));
        try {
            Files.createDirectories(screenshots);
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    /** Best effort: a leftover temporary folder is harmless. */
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
