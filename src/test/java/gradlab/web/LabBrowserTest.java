package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import gradlab.config.Settings;
import gradlab.lab.Uploads;
import gradlab.view.LessonText;

/**
 * The lab in a real browser (Debian's Chromium, headless): htmx swaps and the address bar,
 * a refused value beside its field, training over server-sent events, Stop, and no
 * Content-Security-Policy violations on the way. One browser and one in-process server for
 * the whole class. Skipped when Chromium or its driver is missing, except on CI (CI=true),
 * where that is a failure.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabBrowserTest {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Duration RUN_FREED = Duration.ofSeconds(3);
    private static final Path SCREENSHOT = Path.of("target", "lab-screenshot.png");

    private static final String XOR = "data=xor&hidden=8&loss=bce";
    private static final String SHORT_RUN = XOR + "&steps=100";
    private static final String LONG_RUN = "data=spiral&n=2000&hidden=32,32&steps=5000";

    private static Server server;
    private static WebDriver driver;
    private static WebDriverWait wait;
    private static Path profile;
    /** Every browser log entry of the class, gathered after each test (reading the log empties it). */
    private static final List<LogEntry> browserLog = new ArrayList<>();

    @BeforeAll
    static void startServerAndBrowser() throws IOException {
        requireBrowser();
        server = Server.create(Settings.defaults().withPort(0), gradlab.lab.Lessons.load(true, null, gradlab.lab.Limits.DEFAULT, LessonText::html)).start(0);
        profile = Files.createTempDirectory("gradlab-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,900");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, TIMEOUT);
    }

    @AfterAll
    static void stopBrowserAndServer() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.stop();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @AfterEach
    void keepBrowserLog() {
        gatherBrowserLog();
    }

    // ---------------------------------------------------------------- the tests

    @Test
    @Order(1)
    void changingTheLossRecomputesAndPutsItInTheAddressBar() {
        openLab(XOR);
        WebElement results = results();
        assertFalse(driver.findElements(By.cssSelector("#parameters svg")).isEmpty(), "the comparison has an SVG chart");
        assertTrue(results.getText().contains("mean-error"), "the comparison names mean-error");
        String bceCost = costLine();

        choose("loss", "mse");
        wait.until(d -> !costLine().equals(bceCost));
        wait.until(ExpectedConditions.urlContains("loss=mse"));
        assertFalse(driver.findElements(By.cssSelector("#parameters svg")).isEmpty(), "the new comparison has its chart");

        driver.navigate().back();
        wait.until(ExpectedConditions.urlContains("loss=bce"));
        wait.until(d -> costLine().equals(bceCost));
        assertEquals("bce", new Select(field("loss")).getFirstSelectedOption().getAttribute("value"),
                "Back shows the form as it was");
    }

    @Test
    @Order(2)
    void aBadValueShowsItsMessageAndKeepsTheLastResult() {
        openLab(XOR);
        String cost = costLine();
        String url = driver.getCurrentUrl();

        type("n", "0");
        waitSaying("the server's message for n = 0 in #error-n (if the field matches :invalid, htmx halted"
                        + " the request on the browser's constraint validation: the form needs novalidate)")
                .until(d -> !textOf("error-n").isBlank());
        assertTrue(textOf("error-n").startsWith("n must be"), textOf("error-n"));

        assertFalse(results().findElements(By.tagName("table")).isEmpty(), "the last good results keep their table");
        assertEquals(cost, costLine(), "the last good results stay");
        assertEquals(url, driver.getCurrentUrl(), "a refused value does not go into the address bar");
    }

    @Test
    @Order(3)
    void aValidValueBetweenTheSpinnerStepsIsSent() {
        openLab(XOR);
        String cost = costLine();

        type("noise", "0.33"); // the field steps by 0.05; the server takes any value in 0..1
        waitSaying("noise = 0.33 is sent and compared (if the field matches :invalid, htmx halted the"
                        + " request on the browser's step check: the form needs novalidate)")
                .until(ExpectedConditions.urlContains("noise=0.33"));
        wait.until(d -> !costLine().equals(cost));
        assertTrue(textOf("error-noise").isBlank(), textOf("error-noise"));
    }

    @Test
    @Order(4)
    void aShortRunStreamsRowsAndASummary() {
        openLab(SHORT_RUN);
        trainToTheEnd();

        List<WebElement> rows = driver.findElements(By.cssSelector("#run-rows tr"));
        assertEquals(101, rows.size(), "steps 0..100 are all recorded (R = min(steps + 1, 500))");
        assertEquals("100", rows.get(rows.size() - 1).findElement(By.tagName("th")).getText());
        String summary = textOf("run-summary");
        assertTrue(summary.contains("After 100 steps"), summary);
        assertTrue(summary.contains("per-example reached J ="), summary);
        assertFalse(driver.findElements(By.cssSelector("#run-charts svg")).isEmpty(), "the charts came");
        waitUntilNoRunIsRunning();
    }

    @Test
    @Order(5)
    void stopEndsALongRunAndFreesTheServer() {
        openLab(LONG_RUN);
        pressTrain();
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#run-rows tr"), 0));
        assertEquals(1, server.running(), "the run is running");

        pressButton("Stop");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-status"), "stopped"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.id("run-stream"), 0));
        assertFalse(buttons("Train again").isEmpty(), "after Stop, Train again");
        waitUntilNoRunIsRunning();
        int rows = driver.findElements(By.cssSelector("#run-rows tr")).size();
        assertTrue(rows < 500, "the run ended early: " + rows + " rows");
    }

    @Test
    @Order(6)
    void galleryToLessonToTheLabKeepsThePresetAndTheMathIsTypeset() {
        driver.get("http://localhost:" + server.port() + "/");
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector(".gallery a.card"), 8));
        driver.findElement(By.cssSelector("a.card[href='/lesson/f7-accumulation']")).click();
        wait.until(ExpectedConditions.urlContains("/lesson/f7-accumulation"));
        // the lesson asks first; skipping brings the rest of it and its lab
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space()='Skip']"))).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#lab-form")));
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector(".lesson .katex"), 0));
        // the maths is typeset a few formulas at a time, and the page moves while it is: every
        // formula done and KaTeX's fonts in, the page stands still for the click below
        wait.until(d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "return document.querySelectorAll('.math:not(:has(.katex))').length === 0"
                        + " && document.fonts.status === 'loaded';")));
        String text = driver.findElement(By.cssSelector(".lesson")).getText();
        assertFalse(text.contains("$$") || text.contains("\\("), "no raw maths left after KaTeX ran");
        // the lesson hides naive: its value is fixed in a hidden input, not a visible control
        assertTrue(driver.findElements(By.cssSelector("#lab-form select[name='naive']")).isEmpty(), "naive is hidden");
        WebElement open = driver.findElement(By.cssSelector("a.open-in-lab"));
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", open);
        wait.until(ExpectedConditions.elementToBeClickable(open)).click();
        wait.until(ExpectedConditions.urlContains("/lab?"));
        assertEquals("4,12,16", field("micro").getAttribute("value"), "the lab opens with the lesson's preset");
        assertEquals("sine", new org.openqa.selenium.support.ui.Select(field("data")).getFirstSelectedOption()
                .getAttribute("value"));
        assertTrue(results().getText().contains("mean-of-means"), "its comparison is the lesson's");
    }

    @Test
    @Order(7)
    void aScreenshotOfAFinishedRun() throws IOException {
        openLab(SHORT_RUN);
        trainToTheEnd();
        screenshotWholePage(SCREENSHOT);
        assertTrue(Files.isRegularFile(SCREENSHOT), SCREENSHOT + " exists");
        assertTrue(Files.size(SCREENSHOT) > 0, SCREENSHOT + " is not empty");
    }

    @Test
    @Order(8)
    void noContentSecurityPolicyViolations() {
        // This runs last, so the log holds what every page and run above logged.
        openLab(XOR);
        gatherBrowserLog();
        List<String> refused = cspViolations();
        assertTrue(refused.isEmpty(), "the browser refused something:\n" + String.join("\n", refused));

        // and the check can see a violation: an inline script is refused under this CSP
        ((JavascriptExecutor) driver).executeScript(
                "const s = document.createElement('script'); s.textContent = '1'; document.body.appendChild(s);");
        new FluentWait<>(driver).withTimeout(Duration.ofSeconds(5)).pollingEvery(Duration.ofMillis(100))
                .withMessage("a CSP violation shows in the browser log")
                .until(d -> {
                    gatherBrowserLog();
                    return !cspViolations().isEmpty();
                });
    }

    // ---------------------------------------------------------------- actions

    /** Opens the lab with a query and waits until htmx runs and the comparison is there. */
    private static void openLab(String query) {
        driver.get("http://localhost:" + server.port() + "/lab?" + query);
        wait.until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                "return typeof htmx !== 'undefined' && document.readyState === 'complete';")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#results table")));
    }

    /** A wait whose timeout names what did not happen. */
    private static FluentWait<WebDriver> waitSaying(String message) {
        return new WebDriverWait(driver, TIMEOUT).withMessage(message);
    }

    /** The text of the element with this id, found afresh (htmx replaces elements, old references go stale). */
    private static String textOf(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private static WebElement results() {
        return driver.findElement(By.id("results"));
    }

    /** The comparison's first line, "… J(θ0) = x. The network has k parameters.", read at once (htmx may be swapping it). */
    private static String costLine() {
        return (String) ((JavascriptExecutor) driver).executeScript(
                "const e = document.querySelector('#results p.lede'); return e ? e.innerText : '';");
    }

    private static WebElement field(String name) {
        return driver.findElement(By.cssSelector("#lab-form [name='" + name + "']"));
    }

    private static void choose(String name, String value) {
        new Select(field(name)).selectByValue(value);
    }

    /** Replaces a field's value as a user does: select all, type. */
    private static void type(String name, String value) {
        WebElement input = field(name);
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), value);
    }

    private static List<WebElement> buttons(String label) {
        return driver.findElements(By.xpath("//section[@id='training']//button[normalize-space()='" + label + "']"));
    }

    private static void pressButton(String label) {
        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//section[@id='training']//button[normalize-space()='" + label + "']"))).click();
    }

    /** Presses Train and waits until the run's panel (with its stream element) is in. */
    private static void pressTrain() {
        pressButton("Train");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("run-status")));
    }

    /** Presses Train and waits for the rows, the summary and "Train again". */
    private static void trainToTheEnd() {
        pressTrain();
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#run-rows tr"), 0));
        wait.until(d -> !textOf("run-summary").isBlank());
        wait.until(d -> !buttons("Train again").isEmpty());
    }

    private static void waitUntilNoRunIsRunning() {
        new FluentWait<>(server).withTimeout(RUN_FREED).pollingEvery(Duration.ofMillis(50))
                .withMessage("the server frees the run within " + RUN_FREED.toSeconds() + " s")
                .until(s -> s.running() == 0);
    }

    /** The whole page, not just the window: the window grows to the page's height for the picture. */
    private static void screenshotWholePage(Path file) throws IOException {
        Dimension window = driver.manage().window().getSize();
        long height = (Long) ((JavascriptExecutor) driver).executeScript(
                "return Math.ceil(document.documentElement.scrollHeight);");
        try {
            driver.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(height + 200, 10_000)));
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.createDirectories(file.getParent());
            Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            driver.manage().window().setSize(window);
        }
    }

    private static void gatherBrowserLog() {
        if (driver != null) {
            browserLog.addAll(driver.manage().logs().get(LogType.BROWSER).getAll());
        }
    }

    private static List<String> cspViolations() {
        return browserLog.stream().map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to"))
                .toList();
    }

    // ---------------------------------------------------------------- the browser is there

    /** Skips the class without Chromium or its driver; on CI (CI=true) that is a failure instead. */
    private static void requireBrowser() {
        List<String> missing = Stream.of(CHROMIUM, CHROMEDRIVER).filter(f -> !f.canExecute())
                .map(File::getPath).toList();
        if (missing.isEmpty()) {
            return;
        }
        String reason = "the browser test needs " + String.join(" and ", missing)
                + " (Debian packages chromium and chromium-driver)";
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true but " + reason);
        }
        System.out.println("LabBrowserTest skipped: " + reason);
        Assumptions.assumeTrue(false, reason);
    }
}
