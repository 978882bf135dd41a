package io.clickmap.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium, driven by Debian's chromedriver through Selenium, the way a visitor's
 * browser loads a page. Both paths are given to Selenium, so Selenium Manager never runs and nothing is
 * downloaded: this machine reaches no browser download site, and the packaged driver always matches the
 * packaged browser. Each browser gets a profile of its own, so no cookie or storage leaks between tests.
 * Screenshots and driver logs go under the running module's {@code target/}. Modules that use it declare
 * selenium-chrome-driver themselves (test-support's dependency on it is optional).
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path LOGS = Path.of("target", "process-logs");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** The tests speak WebDriver only, never CDP, so Selenium's warning that no CDP module matches this Chromium is noise. Held: JUL keeps loggers weakly. */
    private static final Logger CDP_VERSIONS = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    /** Fails, never skips, when the browser is missing: bin/test installs it, so a missing one is a broken machine setup. */
    public static Browser start(String name) {
        for (Path required : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(required)) {
                throw new AssertionError(required + " is missing: bin/test installs Debian's chromium and chromium-driver"
                        + " (bin/prerequisites.sh, ensure_browser); run the tests through bin/test or install them");
            }
        }
        try {
            Path profile = Files.createTempDirectory("clickmap-chromium-");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .withLogFile(Files.createDirectories(LOGS).resolve(name + "-chromedriver.log").toFile())
                    .build();
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            // As root on a closed network: no sandbox (it refuses root), no GPU, /tmp instead of a small
            // /dev/shm, and none of the calls home (updates, sync, field trials) that could only time out.
            // Even so Chromium still looks up Google's and the default search engine's hosts; resolving no
            // name but localhost keeps every request on this machine (pages on 127.0.0.1, bin/run's capture on localhost).
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost", "--user-data-dir=" + profile, "--window-size=1280,900");
            LoggingPreferences logging = new LoggingPreferences();
            logging.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logging);
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(service, driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebDriver driver() {
        return driver;
    }

    /** What the page's scripts wrote to the console (errors included), for a failing test's message. */
    public List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::toString).toList();
    }

    /** Saves what the page shows now as target/screenshots/NAME.png, for a person to look at. */
    public Path screenshot(String name) {
        try {
            Path file = Files.createDirectories(SCREENSHOTS).resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            // a leftover profile in /tmp harms no later test: each one gets a fresh directory
            TempDirs.delete(profile);
        }
    }
}
