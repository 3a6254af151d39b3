package io.eoc.cli;

import static io.eoc.cli.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.eoc.edge.Agent;
import io.eoc.edge.config.AgentConfig;
import io.eoc.ingest.Cloud;
import io.eoc.ingest.CloudConfig;
import io.eoc.sim.modbus.ModbusBoilerServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console as a person sees it, in a real browser (Debian's headless Chromium), against a real
 * cloud with data flowing: boiler simulator (j2mod slave) → agent → MQTT → Kafka → PostgreSQL.
 * Every test starts in a fresh tab of the same browser and ends with no JavaScript error.
 */
class ConsoleBrowserTest {
  private static final Logger log = LoggerFactory.getLogger(ConsoleBrowserTest.class);
  private static final String AGENT = "console-agent";
  private static final String DEVICE = AGENT + " / boiler-1 (simulated)";
  private static final String OPERATOR_PASSWORD = "operator-pass-1234";
  private static final String ASSESSOR_PASSWORD = "assessor-pass-1234";
  private static final Duration BOUND = Duration.ofSeconds(10);

  @TempDir static Path dir;
  private static ModbusBoilerServer sim;
  private static Cloud cloud;
  private static Agent agent;
  private static Browser browser;
  private static String base;

  @RegisterExtension
  final TestWatcher screenshotOnFailure = new TestWatcher() {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      if (browser != null) {
        browser.capture(ConsoleBrowserTest.class.getSimpleName() + "-" + context.getRequiredTestMethod().getName());
      }
    }
  };

  @BeforeAll
  static void startCloudAgentAndBrowser() throws Exception {
    Browser.require(); // before anything slow: skip or fail at once
    sim = ModbusBoilerServer.start(ModbusBoilerServer.Options.defaults().withPort(0).withSeed(11));
    cloud = Cloud.start(CloudConfig.embedded(dir.resolve("cloud")), Clock.systemUTC());
    base = "http://127.0.0.1:" + cloud.httpPort();
    AgentConfig config = Fixtures.boilerAgent(dir, AGENT, cloud, cloud.mqttPort(), cloud.httpPort(), sim.port(), "");
    agent = Agent.start(config, Clock.systemUTC());
    // From the cloud's own machine while no user exists, as 'eoc cloud user add' does.
    addUser("olga", "operator", OPERATOR_PASSWORD);
    addUser("ann", "assessor", ASSESSOR_PASSWORD);
    browser = Browser.start(dir.resolve("chromium"), Path.of("target", "console-browser"));
    log.info("browser started; Selenium: {}", Browser.driverFinderLog());
    await(Duration.ofSeconds(30), () -> cloud.sinkStats().points() > 0);
  }

  @AfterAll
  static void stopAll() {
    // Each in its own step: a failure to close one must not leave the others running.
    closeQuietly(browser);
    closeQuietly(agent);
    closeQuietly(cloud);
    closeQuietly(sim);
  }

  @BeforeEach
  void freshTab() {
    ChromeDriver d = browser.driver();
    d.get(base + "/");
    d.executeScript("sessionStorage.clear()");
    d.navigate().refresh();
  }

  @AfterEach
  void noJavaScriptErrors() {
    assertThat(browser.javaScriptErrors()).as("JavaScript errors in the console").isEmpty();
  }

  @Test
  void seleniumUsesTheInstalledDriverAndNeverRunsSeleniumManager() {
    assertThat(Browser.driverFinderLog()).anySatisfy(m -> assertThat(m)
        .contains("Skipping Selenium Manager, path to chromedriver specified in Service class")
        .contains(Browser.CHROMEDRIVER.toString()));
    assertThat(Browser.seleniumManagerRuns()).as("Selenium Manager would download drivers or browsers").isEmpty();
    assertThat(browser.driver().getCapabilities().getBrowserVersion()).isNotBlank();
  }

  @Test
  void onceUsersExistTheConsoleAsksForALoginAndSaysWhenThePasswordIsWrong() {
    ChromeDriver d = browser.driver();
    waitUntil(() -> d.findElement(By.id("login")).isDisplayed());
    assertThat(text("why")).isEqualTo("This cloud has users: log in to see its data.");
    assertThat(deviceRows()).as("no data before login").isEmpty();
    assertThat(d.findElement(By.id("session")).isDisplayed()).isFalse();

    logIn("olga", "not-the-password");

    waitUntil(() -> text("why").equals("unknown user or wrong password"));
    assertThat(d.findElement(By.id("login")).isDisplayed()).isTrue();
    assertThat(d.findElement(By.id("session")).isDisplayed()).isFalse();
    assertThat(deviceRows()).isEmpty();
  }

  @Test
  void anOperatorSeesTheDevicesAndTheirValuesChangeWithoutAReload() {
    ChromeDriver d = browser.driver();
    logIn("olga", OPERATOR_PASSWORD);
    waitUntil(() -> d.findElement(By.id("session")).isDisplayed());
    assertThat(text("who")).isEqualTo("olga (operator)");
    assertThat(d.findElement(By.id("login")).isDisplayed()).isFalse();

    List<String> first = waitForDevice();
    assertThat(first.get(1)).isEqualTo("high-energy");
    assertThat(first.get(2)).contains("steam_pressure ").contains("steam_temperature ").contains("fuel_flow ")
        .contains("running ").contains("steam_flow ");
    Instant shown = Instant.parse(first.get(3));
    assertThat(shown).isAfter(Instant.now().minusSeconds(60));

    d.executeScript("window.__eocSameDocument = true");
    waitUntil(() -> {
      List<String> now = waitForDevice();
      return !now.get(2).equals(first.get(2)) && Instant.parse(now.get(3)).isAfter(shown);
    });
    assertThat(d.executeScript("return window.__eocSameDocument === true")).as("updated without a reload").isEqualTo(true);
  }

  /** 组态画面: a screen drawn from its definition, its device coloured by its state, its values live. */
  @Test
  void anOperatorOpensAScreenWhereTheBoilerIsOnlineAndItsFuelFlowMovesWithoutAReload() {
    ChromeDriver d = browser.driver();
    logIn("olga", OPERATOR_PASSWORD);
    waitForDevice();
    Map<String, Object> created = postFromPage("/api/scada/screens", """
        {name: 'boiler house', width: 600, height: 300, elements: [
              {id: 'b1', kind: 'device', agent: '%1$s', device: 'boiler-1', x: 150, y: 60, label: 'Boiler 1'},
              {id: 'p1', kind: 'value', agent: '%1$s', device: 'boiler-1', tag: 'fuel_flow', x: 150, y: 160,
               label: 'fuel flow', unit: 'm3/h', decimals: 3},
              {id: 't1', kind: 'value', agent: '%1$s', device: 'boiler-1', tag: 'steam_temperature', x: 420, y: 160,
               label: 'steam temperature', max: -1000},
              {id: 'l1', kind: 'link', from: 'b1', to: 'p1'},
              {id: 'h', kind: 'label', text: 'Boiler house', x: 20, y: 280}]}
        """.formatted(AGENT));
    assertThat(created.get("status")).as("%s", created).isEqualTo(201L);

    d.executeScript("window.__eocSameDocument = true");
    waitUntil(() -> !d.findElements(By.linkText("boiler house")).isEmpty());
    d.findElement(By.linkText("boiler house")).click();

    waitUntil(() -> "#43a047".equals(d.executeScript("return document.querySelector('#screen rect')?.getAttribute('fill')")));
    assertThat(screenText("Boiler house")).as("the label").isEqualTo("Boiler house");
    assertThat(d.findElements(By.cssSelector("#screen line"))).as("the link").hasSize(1);
    waitUntil(() -> screenText("fuel flow").matches("fuel flow: [0-9]+\\.[0-9]{3} m3/h"));
    String flow = screenText("fuel flow");
    waitUntil(() -> screenText("steam temperature").endsWith("(above-max)"));
    assertThat(d.executeScript("return Array.from(document.querySelectorAll('#screen text'))"
        + ".find(t => t.textContent.startsWith('steam temperature')).getAttribute('fill')")).as("out of range: red").isEqualTo("#e53935");
    assertThat(text("screen-summary")).startsWith("1 of 1 device(s) online · 1 abnormal");
    assertThat(d.getCurrentUrl()).endsWith("#screen=" + created.get("id"));

    // Fuel flow is measured with noise (steam pressure sits on its set point): it moves from one poll to the next.
    waitUntil(() -> screenText("fuel flow").matches("fuel flow: [0-9.]+ m3/h") && !screenText("fuel flow").equals(flow));
    assertThat(d.executeScript("return window.__eocSameDocument === true")).as("updated without a reload").isEqualTo(true);
  }

  /** 执行优化: the console lists each strategy with its latest decision, as the cloud's scheduler makes them. */
  @Test
  void anOperatorSeesAnOptimisationStrategyAndItsLatestDecision() {
    ChromeDriver d = browser.driver();
    logIn("olga", OPERATOR_PASSWORD);
    waitForDevice();
    Map<String, Object> created = postFromPage("/api/optimisation/strategies", """
        {name: 'boiler pressure advice', agent: '%s', device: 'boiler-1', measureTag: 'steam_pressure',
         statistic: 'mean', window: 'PT1M', bandLow: -2, bandHigh: -1, setpointTag: 'steam_pressure', step: 0.01,
         setpointMin: 0, setpointMax: 100, every: 'PT1H', mode: 'advise'}
        """.formatted(AGENT));
    assertThat(created.get("status")).as("%s", created).isEqualTo(201L);
    d.navigate().refresh(); // the table is read at once after a load, then every fifth refresh

    new WebDriverWait(d, Duration.ofSeconds(40)).pollingEvery(Duration.ofMillis(200)).ignoring(StaleElementReferenceException.class)
        .until(x -> optimisationRows().stream().anyMatch(r -> r.get(0).equals("boiler pressure advice") && r.get(3).contains("lower")));
    List<String> row = optimisationRows().stream().filter(r -> r.get(0).equals("boiler pressure advice")).findFirst().orElseThrow();
    assertThat(row.get(1)).isEqualTo(AGENT + " / boiler-1: steam_pressure");
    assertThat(row.get(2)).isEqualTo("advise");
    assertThat(row.get(3)).contains("above the band [-2.0, -1.0]").contains("advise mode: no command issued");
  }

  @SuppressWarnings("unchecked")
  private static List<List<String>> optimisationRows() {
    return (List<List<String>>) browser.driver().executeScript(
        "return Array.from(document.querySelectorAll('#optimisation tr')).slice(1).map(tr => Array.from(tr.cells).map(c => c.textContent))");
  }

  /**
   * POSTs {@code body} (a JavaScript object literal) to {@code path} from the page, with the page's
   * session, as the console's own requests are made: the status, and the answer's id and error.
   */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> postFromPage(String path, String body) {
    return (Map<String, Object>) browser.driver().executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0], {method: 'POST', headers: Object.assign({'Content-Type': 'application/json'}, auth()),
            body: JSON.stringify(%s)})
          .then(r => r.json().then(b => done({status: r.status, id: b.id, error: b.error})), e => done({status: -1, error: String(e)}));
        """.formatted(body.strip()), path);
  }

  /** The text of the screen's SVG text element that starts with {@code prefix}, or "" while there is none. */
  private static String screenText(String prefix) {
    Object t = browser.driver().executeScript("const t = Array.from(document.querySelectorAll('#screen text'))"
        + ".find(t => t.textContent.startsWith(arguments[0])); return t ? t.textContent : ''", prefix);
    return (String) t;
  }

  @Test
  void anAssessorReadsAndOpensTheReportButAWriteFromItsSessionIsRefused() {
    ChromeDriver d = browser.driver();
    logIn("ann", ASSESSOR_PASSWORD);
    waitUntil(() -> text("who").equals("ann (assessor)"));
    waitForDevice();
    // The console has no operator controls yet (remote control is API only): nothing to click that writes.
    assertThat(d.findElements(By.cssSelector("button, input, select, textarea")).stream().filter(WebElement::isDisplayed))
        .as("controls shown to an assessor").isEmpty();

    Map<String, Object> refusal = postFromPage("/api/commands", """
        {agent: '%s', device: 'boiler-1', tag: 'running', value: 0, expiresIn: 'PT1M'}
        """.formatted(AGENT));
    assertThat(refusal.get("status")).isEqualTo(403L);
    assertThat((String) refusal.get("error")).contains("role assessor is read-only");

    String console = d.getWindowHandle();
    d.findElement(By.id("report")).click();
    waitUntil(() -> d.getWindowHandles().size() == 2);
    String report = d.getWindowHandles().stream().filter(h -> !h.equals(console)).findFirst().orElseThrow();
    try {
      d.switchTo().window(report);
      waitUntil(() -> !d.findElements(By.tagName("h1")).isEmpty());
      assertThat(d.getPageSource()).contains("jiangsu-2023");
      assertThat(browser.javaScriptErrors()).as("JavaScript errors in the report").isEmpty();
    } finally {
      d.close();
      d.switchTo().window(console);
    }
    assertThat(d.findElement(By.id("problem")).isDisplayed()).isFalse();
  }

  @Test
  void loggingOutEndsTheSessionOnTheCloudAndShowsTheLoginFormAgain() throws Exception {
    ChromeDriver d = browser.driver();
    logIn("olga", OPERATOR_PASSWORD);
    waitForDevice();
    String token = (String) d.executeScript("return sessionStorage.getItem('eoc-token')");
    assertThat(token).isNotBlank();

    d.findElement(By.id("logout")).click();

    waitUntil(() -> d.findElement(By.id("login")).isDisplayed());
    assertThat(d.findElement(By.id("session")).isDisplayed()).isFalse();
    assertThat(d.executeScript("return sessionStorage.getItem('eoc-token')")).isNull();
    assertThat(deviceRows()).isEmpty();
    HttpResponse<String> withOldToken = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/devices"))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(withOldToken.statusCode()).as(withOldToken.body()).isEqualTo(401);
  }

  private static void logIn(String user, String password) {
    ChromeDriver d = browser.driver();
    waitUntil(() -> d.findElement(By.id("login")).isDisplayed());
    WebElement userField = d.findElement(By.id("user"));
    WebElement passwordField = d.findElement(By.id("password"));
    userField.clear();
    userField.sendKeys(user);
    passwordField.clear();
    passwordField.sendKeys(password);
    d.findElement(By.cssSelector("#login button")).click();
  }

  /** The cells of the boiler's row once it is shown: device, category, values, latest. */
  private static List<String> waitForDevice() {
    List<List<String>> found = new ArrayList<>();
    waitUntil(() -> {
      found.clear();
      deviceRows().stream().filter(r -> r.get(0).equals(DEVICE) && r.get(2).contains("steam_pressure")).forEach(found::add);
      return found.size() == 1;
    });
    return found.get(0);
  }

  /** The device table's rows below its header, read in one script so that a refresh cannot tear them. */
  @SuppressWarnings("unchecked")
  private static List<List<String>> deviceRows() {
    return (List<List<String>>) browser.driver().executeScript(
        "return Array.from(document.querySelectorAll('#devices tr')).slice(1).map(tr => Array.from(tr.cells).map(c => c.textContent))");
  }

  private static String text(String id) {
    return browser.driver().findElement(By.id(id)).getText();
  }

  private static void waitUntil(BooleanSupplier condition) {
    new WebDriverWait(browser.driver(), BOUND).pollingEvery(Duration.ofMillis(100))
        .ignoring(StaleElementReferenceException.class)
        .until(d -> condition.getAsBoolean());
  }

  private static void addUser(String id, String role, String password) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/api/admin/users"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"%s\",\"role\":\"%s\",\"password\":\"%s\"}".formatted(id, role, password)))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      log.warn("closing {} failed", c.getClass().getSimpleName(), e);
    }
  }
}
