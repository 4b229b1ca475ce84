package org.mashgateway.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.icegreen.greenmail.util.GreenMail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mashgateway.MashGatewayApplication;
import org.mashgateway.support.GatewayTest;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The console in a real browser (headless Chromium driven by Selenium) against the whole gateway
 * over HTTPS: logging in with the demo users, the dashboard after a notification flows, an admin
 * retrying a FAILED delivery and watching it turn SENT, a route paused on one node's console seen
 * paused on a second node's and resumed there, an operator refused the audit page, an admin reading the
 * IG report's charts.
 * Screenshots go to {@code target/screenshots/}. Without Chromium the test is skipped, unless the
 * {@code CI} variable is set: there it must run.
 */
class ConsoleBrowserTest extends GatewayTest {

    /**
     * The AUDITOR-only page the operator must be refused. {@code /admin/api/audit/verify} is the
     * AUDITOR-only path today; the audit pages at {@code /admin/audit} replace it when they merge.
     */
    static final String AUDIT_PAGE = "/admin/audit";

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final int SMTP_PORT = ConsoleFixtures.freePort();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Environment environment;

    @LocalServerPort
    int port;

    private WebDriver browser;
    private Path profile;

    @DynamicPropertySource
    static void browserRun(DynamicPropertyRegistry registry) {
        isolatedDataDir(registry);
        registry.add("mash.mail.smtp.port", () -> String.valueOf(SMTP_PORT));
        registry.add("mash.mail.smtp.connect-timeout", () -> "PT1S");
        // No mail server at first and a single attempt: every delivery fails at once, for the admin to retry.
        registry.add("mash.delivery.max-attempts", () -> "1");
        registry.add("mash.delivery.retry-until-due-by", () -> "false");
        registry.add("mash.routes.pause-check-interval", () -> "300ms");
    }

    @BeforeAll
    static void chromiumInstalled() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && System.getenv("CI") != null) {
            fail("CI is set but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing: .ci/run installs them");
        }
        Assumptions.assumeTrue(installed, "Browser tests skipped: install chromium and chromium-driver "
                + "(apt-get install chromium chromium-driver) to run them");
    }

    @BeforeEach
    void openBrowser() throws IOException {
        profile = Files.createTempDirectory("console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The demo's certificate is issued by the demo CA, which this throw-away profile does not trust.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
                "--ignore-certificate-errors", "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void an_admin_sees_a_notification_on_the_dashboard_retries_its_failed_delivery_and_watches_it_turn_sent()
            throws IOException {
        String reference = ConsoleFixtures.postAsDerbyshire(port, ConsoleFixtures.distinctivePeople())
                .json().get("reference").asText();
        long deliveryId = jdbc.queryForObject("SELECT MIN(delivery_id) FROM delivery WHERE notification_reference = ? "
                + "AND recipient_type = 'AGENCY'", Long.class, reference);
        new WebDriverWait(browser, WAIT).until(ignored -> "FAILED".equals(statusOf(deliveryId)));

        logIn("admin");
        open("/admin");
        new WebDriverWait(browser, WAIT).until(ignored -> !"0".equals(browser.findElement(By.id("count-FAILED")).getText()));
        assertThat(browser.findElement(By.id("routes")).getText()).contains("notification-queue-intake", "Started",
                "Police notifications by queue").doesNotContain("{{");
        // Every attempt runs through the delivery route: the failed ones so far, none done, and why.
        long deliveredBefore = deliveryRouteCell(3);
        assertThat(deliveryRouteCell(4)).isPositive();
        assertThat(browser.findElement(By.cssSelector("#route-delivery .last-failure")).getText())
                .startsWith("SMTP_UNAVAILABLE at ");
        assertThat(browser.getPageSource()).doesNotContain(ConsoleFixtures.PERSONAL_VALUES);
        screenshot("dashboard");
        browser.manage().window().setSize(new Dimension(390, 844));
        open("/admin");
        screenshot("dashboard-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));

        open("/admin/deliveries?status=FAILED");
        browser.findElement(By.linkText(String.valueOf(deliveryId))).click();
        assertThat(browser.findElement(By.id("status")).getText()).isEqualTo("FAILED");
        assertThat(browser.findElement(By.id("reason")).getText()).isEqualTo("RETRIES_EXHAUSTED");
        screenshot("delivery-failed");

        GreenMail smtp = ConsoleFixtures.startSmtp(SMTP_PORT);
        try {
            WebElement retry = browser.findElement(By.cssSelector("#retry button"));
            retry.click();
            // The POST and its redirect back to the page, which then says what became of the action.
            awaitNewPage(retry);
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".notice")));
            assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("back in the outbox");
            new WebDriverWait(browser, WAIT).pollingEvery(Duration.ofMillis(500)).until(ignored -> {
                browser.navigate().refresh();
                return "SENT".equals(browser.findElement(By.id("status")).getText());
            });
        } finally {
            smtp.stop();
        }
        assertThat(browser.findElement(By.id("history")).getText())
                .contains("SMTP_UNAVAILABLE", "RETRIES_EXHAUSTED", "RETRIED_BY_ADMIN", "admin", "SENT");
        assertThat(browser.getPageSource()).doesNotContain(ConsoleFixtures.PERSONAL_VALUES);
        screenshot("delivery-sent");

        open("/admin");
        assertThat(deliveryRouteCell(3)).isGreaterThan(deliveredBefore);
        screenshot("dashboard-routes");
    }

    @Test
    void a_route_paused_on_one_nodes_console_is_paused_on_the_others_and_resumed_from_there(@TempDir Path otherDataDir)
            throws IOException {
        // A second gateway node in this JVM on the same database, with its own data dir and port.
        try (ConfigurableApplicationContext other = new SpringApplicationBuilder(MashGatewayApplication.class)
                .profiles("demo", "test")
                .run("--server.port=0", "--mash.data-dir=" + otherDataDir,
                        "--spring.datasource.url=" + environment.getProperty("spring.datasource.url"),
                        "--mash.delivery.node-id=console-node-b", "--mash.routes.pause-check-interval=300ms",
                        "--mash.mail.smtp.port=" + SMTP_PORT)) {
            int otherPort = ((ServletWebServerApplicationContext) other).getWebServer().getPort();

            logIn("admin");
            open("/admin");
            WebElement pause = browser.findElement(By.cssSelector("#route-escalation button"));
            assertThat(pause.getText()).isEqualTo("Pause");
            pause.click();
            awaitNewPage(pause);
            assertThat(routeState("escalation")).isEqualTo("Suspended");

            logIn(otherPort, "admin");
            awaitRouteState(otherPort, "escalation", "Suspended");
            screenshot("route-paused-on-the-other-node");
            WebElement resume = browser.findElement(By.cssSelector("#route-escalation button"));
            assertThat(resume.getText()).isEqualTo("Resume");
            resume.click();
            awaitNewPage(resume);
            assertThat(routeState("escalation")).isEqualTo("Started");

            logIn("admin");
            awaitRouteState(port, "escalation", "Started");
            assertThat(browser.findElement(By.cssSelector("#route-escalation button")).getText()).isEqualTo("Pause");
        }
    }

    @Test
    void an_operator_is_refused_the_audit_page_that_an_auditor_may_open() throws IOException {
        logIn("operator");
        open(AUDIT_PAGE);
        assertThat(browser.getPageSource()).containsAnyOf("403", "Forbidden");
        screenshot("operator-refused-audit");
        open("/admin");
        assertThat(browser.findElements(By.linkText("Audit"))).as("no Audit link for an operator").isEmpty();
        WebElement logOut = browser.findElement(By.cssSelector("form.logout button"));
        logOut.click();
        awaitNewPage(logOut);

        logIn("auditor");
        open(AUDIT_PAGE);
        assertThat(browser.getPageSource()).doesNotContain("Forbidden");
        open("/admin");
        assertThat(browser.findElements(By.linkText("Audit"))).hasSize(1);
    }

    @Test
    void an_admin_opens_the_ig_report_from_the_navigation_and_reads_its_charts() throws IOException {
        ConsoleFixtures.postAsDerbyshire(port, ConsoleFixtures.distinctivePeople());
        YearMonth thisMonth = YearMonth.now(ZoneId.of("Europe/London"));
        logIn("admin");
        open("/admin");
        WebElement report = browser.findElement(By.linkText("IG report"));
        report.click();
        awaitNewPage(report);
        assertThat(browser.findElement(By.id("ig-month")).getText()).isEqualTo(thisMonth.minusMonths(1).toString());

        open("/admin/reports/ig?month=" + thisMonth + "&force=DERBYS");
        assertThat(browser.findElement(By.id("ig-month")).getText()).isEqualTo(thisMonth.toString());
        // The class's other tests post notifications too: at least this one is counted.
        assertThat(Long.parseLong(browser.findElement(By.cssSelector("#ig-received tr.figure td.value")).getText()))
                .isPositive();
        assertThat(browser.findElements(By.cssSelector("section.ig-section svg"))).hasSizeGreaterThanOrEqualTo(3);
        assertThat(browser.findElement(By.cssSelector("#ig-received svg rect")).getSize().getWidth()).isPositive();
        assertThat(browser.getPageSource()).doesNotContain(ConsoleFixtures.PERSONAL_VALUES);
        screenshot("ig-report");
    }

    /** A number in the delivery route's row of the Routes panel: column 3 is "Done", 4 "Failed". */
    private long deliveryRouteCell(int column) {
        return Long.parseLong(browser.findElement(By.cssSelector("#route-delivery td:nth-child(" + column + ")")).getText());
    }

    /**
     * After a click that loads another page: the clicked element belongs to the old page. Mid-way
     * Chrome may say so with "does not belong to the document" instead of a stale element.
     */
    private void awaitNewPage(WebElement clicked) {
        new WebDriverWait(browser, WAIT).until(ignored -> {
            try {
                clicked.isEnabled();
                return false;
            } catch (StaleElementReferenceException gone) {
                return true;
            } catch (WebDriverException navigating) {
                return String.valueOf(navigating.getMessage()).contains("does not belong to the document");
            }
        });
    }

    /** Reloads a node's console until its Routes panel shows the route in this state (pauses reach every node). */
    private void awaitRouteState(int nodePort, String route, String state) {
        new WebDriverWait(browser, WAIT).pollingEvery(Duration.ofMillis(300)).until(ignored -> {
            open(nodePort, "/admin");
            return state.equals(routeState(route));
        });
    }

    private String routeState(String route) {
        return browser.findElement(By.cssSelector("#route-" + route + " td.status")).getText();
    }

    private void logIn(String user) {
        logIn(port, user);
    }

    private void logIn(int nodePort, String user) {
        open(nodePort, "/login");
        browser.findElement(By.name("username")).sendKeys(user);
        browser.findElement(By.name("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("button[type=submit], input[type=submit]")).click();
        new WebDriverWait(browser, WAIT).until(ignored -> !browser.getCurrentUrl().contains("/login"));
    }

    private void open(String path) {
        open(port, path);
    }

    private void open(int nodePort, String path) {
        browser.get("https://localhost:" + nodePort + path);
    }

    private String statusOf(long deliveryId) {
        return jdbc.queryForObject("SELECT status FROM delivery WHERE delivery_id = ?", String.class, deliveryId);
    }

    private void screenshot(String name) throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
