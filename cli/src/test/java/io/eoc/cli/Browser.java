package io.eoc.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.slf4j.LoggerFactory;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver. Both paths are given to
 * Selenium, so Selenium Manager never runs and nothing is downloaded; {@link #seleniumManagerRuns()}
 * proves it from Selenium's own log. A missing browser skips the test on a developer's machine and
 * fails it on CI ({@code CI=true}), where {@code .ci/run} installs it (as the edge agent's interop
 * tests do with their peers).
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final String INSTALL = "apt-get install chromium chromium-driver";
  /** Records JavaScript errors of every document from its first line on, before the page's own scripts. */
  private static final String ERROR_HOOK = """
      window.__eocErrors = [];
      window.addEventListener('error', e => window.__eocErrors.push('error: ' + e.message + ' at ' + e.filename + ':' + e.lineno));
      window.addEventListener('unhandledrejection', e => window.__eocErrors.push('unhandled rejection: ' + (e.reason && e.reason.stack || e.reason)));
      const consoleError = console.error;
      console.error = (...args) => { window.__eocErrors.push('console.error: ' + args.join(' ')); consoleError.apply(console, args); };
      """;
  /** Refusals the console is expected to meet (before login, a wrong password, an assessor's write): not errors of the page. */
  private static final Pattern EXPECTED_REFUSAL = Pattern.compile("Failed to load resource: the server responded with a status of 40[13]\\b.*");
  // Held strongly: java.util.logging keeps only weak references to its loggers, and levels set on a collected one are lost.
  private static final Logger SELENIUM = Logger.getLogger("org.openqa.selenium");
  private static final List<LogRecord> seleniumLog = new CopyOnWriteArrayList<>();
  private static final org.slf4j.Logger log = LoggerFactory.getLogger(Browser.class);

  static {
    SELENIUM.setLevel(Level.FINE);
    SELENIUM.addHandler(new Handler() {
      @Override
      public void publish(LogRecord record) {
        seleniumLog.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    });
  }

  private final ChromeDriver driver;
  private final Path logDir;

  private Browser(ChromeDriver driver, Path logDir) {
    this.driver = driver;
    this.logDir = logDir;
  }

  /** Skips (developer machine) or fails (CI) unless Chromium and chromedriver are installed where Debian puts them. */
  static void require() {
    List<String> missing = new ArrayList<>();
    for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(p)) {
        missing.add(p.toString());
      }
    }
    if (!missing.isEmpty()) {
      String message = "a browser for the console test is not available (" + String.join(", ", missing)
          + " missing); install it with: " + INSTALL;
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(message + " (.ci/run does this on CI)");
      }
      log.warn("skipped: {}", message); // Surefire does not print why a whole class was skipped
      assumeTrue(false, message);
    }
  }

  /** Starts headless Chromium with a fresh profile in {@code profile}; chromedriver's log goes to {@code logDir}. */
  static Browser start(Path profile, Path logDir) throws IOException {
    require();
    // Belt and braces: were Selenium Manager ever run, it would be offline (it passes SE_* properties on).
    System.setProperty("SE_OFFLINE", "true");
    Files.createDirectories(logDir);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        .withLogFile(logDir.resolve("chromedriver.log").toFile())
        .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // The machine's network is closed: without the background-networking flags Chromium keeps trying Google's hosts.
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,900");
    options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
    ChromeDriver driver = new ChromeDriver(service, options);
    try {
      driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", ERROR_HOOK));
      return new Browser(driver, logDir);
    } catch (RuntimeException e) {
      driver.quit();
      throw e;
    }
  }

  ChromeDriver driver() {
    return driver;
  }

  /** What Selenium Manager's own loggers said: nothing, unless it ran (to find or download a driver or a browser). */
  static List<String> seleniumManagerRuns() {
    return seleniumLog.stream().filter(r -> r.getLoggerName() != null && r.getLoggerName().startsWith("org.openqa.selenium.manager"))
        .map(r -> r.getLoggerName() + ": " + r.getMessage()).toList();
  }

  /** What Selenium said about finding the driver: "Skipping Selenium Manager, path to chromedriver specified in ...". */
  static List<String> driverFinderLog() {
    return seleniumLog.stream().filter(r -> r.getLoggerName() != null && r.getLoggerName().endsWith("DriverFinder"))
        .map(LogRecord::getMessage).toList();
  }

  /**
   * JavaScript errors since the last call: uncaught errors, unhandled rejections and
   * {@code console.error} of the current document, and severe entries of Chromium's console log
   * (which outlives reloads), less the refusals the console is expected to meet.
   */
  List<String> javaScriptErrors() {
    List<String> errors = new ArrayList<>();
    Object hooked = driver.executeScript("const e = window.__eocErrors || []; window.__eocErrors = []; return e;");
    if (hooked instanceof List<?> list) {
      list.forEach(e -> errors.add(String.valueOf(e)));
    }
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !EXPECTED_REFUSAL.matcher(refusalText(entry)).matches()) {
        errors.add("console: " + entry.getMessage());
      }
    }
    return errors;
  }

  /** Chromium prefixes the resource's address: "http://127.0.0.1:1234/api/devices - Failed to load resource: ...". */
  private static String refusalText(LogEntry entry) {
    String m = entry.getMessage();
    int i = m.indexOf(" - ");
    return i < 0 ? m : m.substring(i + 3);
  }

  /** A screenshot and the page's HTML under the log directory, named {@code name}. */
  void capture(String name) {
    try {
      Path png = logDir.resolve(name + ".png");
      Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), png, StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(logDir.resolve(name + ".html"), driver.getPageSource());
    } catch (IOException | RuntimeException e) {
      // Evidence for a failure already being reported: not worth a second failure.
      log.warn("no screenshot for {}", name, e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
