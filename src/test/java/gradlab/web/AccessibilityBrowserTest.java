package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

import gradlab.config.Settings;
import gradlab.lab.Lesson;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;
import gradlab.view.LessonText;
import gradlab.view.Paths;

/**
 * The pages as a browser shows them, checked by an accessibility engine (axe-core) and, once
 * htmx has swapped its fragments in and a training run has ended, by the Nu HTML checker: the
 * gallery, every lesson, the upload form, the lab after a comparison and after a run, and some
 * of them at a phone's width. Zero
 * violations and zero errors. One browser and one in-process server for the class. Skipped
 * when Chromium or its driver is missing, except on CI (CI=true), where that is a failure.
 */
class AccessibilityBrowserTest {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Lessons LESSONS = Lessons.load(true, null, Limits.DEFAULT, LessonText::html);
    private static final String XOR = "data=xor&hidden=8&loss=bce&steps=100";
    /** A phone's viewport in CSS pixels, as page auditors emulate one. */
    private static final Dimension PHONE = new Dimension(390, 844);

    private static Server server;
    private static WebDriver driver;
    private static WebDriverWait wait;
    private static Path profile;

    @BeforeAll
    static void startServerAndBrowser() throws IOException {
        requireBrowser();
        server = Server.create(Settings.defaults().withPort(0), LESSONS).start(0);
        profile = Files.createTempDirectory("gradlab-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,900");
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

    @Test
    void theEngineFindsAViolation() {
        // the check can fail: an image without a text alternative is a violation
        open(Paths.UPLOAD);
        script("const i = document.createElement('img'); i.src = '/static/favicon.svg'; document.querySelector('main').appendChild(i);");
        assertTrue(violations().stream().anyMatch(r -> r.getId().equals("image-alt")), "an image without alt is found");
    }

    @Test
    void theGalleryAndTheUploadFormHaveNoViolations() throws Exception {
        List<String> faults = new ArrayList<>();
        open(Paths.HOME);
        audit("/", faults);
        open(Paths.UPLOAD);
        audit(Paths.UPLOAD, faults);
        assertTrue(faults.isEmpty(), String.join("\n", faults));
    }

    @Test
    void everyLessonHasNoViolationsOnceItsMathIsTypeset() throws Exception {
        List<String> faults = new ArrayList<>();
        for (Lesson lesson : LESSONS.all()) {
            open(Paths.lesson(lesson.id()));
            waitForMath();
            audit(Paths.lesson(lesson.id()), faults);
        }
        assertTrue(faults.isEmpty(), String.join("\n", faults));
    }

    @Test
    void theLabAfterAComparisonAndAfterARunHasNoViolations() throws Exception {
        List<String> faults = new ArrayList<>();
        open(Paths.LAB + "?" + XOR);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#results table")));
        String cost = costLine();
        new Select(driver.findElement(By.cssSelector("#lab-form [name='loss']"))).selectByValue("mse");
        wait.until(d -> !costLine().equals(cost));
        wait.until(ExpectedConditions.urlContains("loss=mse"));
        audit("/lab after a comparison", faults);

        wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//section[@id='training']//button[normalize-space()='Train']"))).click();
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#run-rows tr"), 0));
        wait.until(d -> !d.findElement(By.id("run-summary")).getText().isBlank());
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//section[@id='training']//button[normalize-space()='Train again']")));
        audit("/lab after a run", faults);
        assertTrue(faults.isEmpty(), String.join("\n", faults));
    }

    @Test
    void atAPhonesWidthThePagesHaveNoViolations() throws Exception {
        List<String> faults = new ArrayList<>();
        Dimension window = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(PHONE);
            for (String target : List.of(Paths.HOME, Paths.LAB + "?" + XOR, Paths.lesson(LESSONS.all().get(1).id()))) {
                open(target);
                assertEquals((long) PHONE.getWidth(), script("return window.innerWidth;"), "the page is as wide as a phone");
                waitForMath();
                audit(target + " at " + PHONE.getWidth() + " px", faults);
            }
        } finally {
            driver.manage().window().setSize(window);
        }
        assertTrue(faults.isEmpty(), String.join("\n", faults));
    }

    // ---------------------------------------------------------------- the audits

    /** axe-core's violations and the Nu checker's errors for the page as it is now. */
    private static void audit(String what, List<String> faults) throws Exception {
        List<Rule> violations = violations();
        System.out.printf("AccessibilityBrowserTest: %2d violations  %s%n", violations.size(), what);
        for (Rule rule : violations) {
            StringBuilder s = new StringBuilder(what + ": " + rule.getId() + " (" + rule.getImpact() + ") " + rule.getHelp());
            for (CheckedNode node : rule.getNodes()) {
                s.append("\n    ").append(node.getTarget()).append(": ")
                        .append(node.getFailureSummary().replace("\n", "\n      "));
            }
            faults.add(s.toString());
        }
        String dom = "<!DOCTYPE html>\n" + script("return document.documentElement.outerHTML;");
        HtmlChecker.Report report = HtmlChecker.check(dom);
        System.out.printf("AccessibilityBrowserTest: %2d HTML errors  %s%n", report.errors().size(), what);
        if (!report.errors().isEmpty()) {
            faults.add(report.describe(what + " (the document in the browser)"));
        }
    }

    private static List<Rule> violations() {
        Results results = new AxeBuilder().analyze(driver);
        assertFalse(results.isErrored(), "axe ran: " + results.getErrorMessage());
        return results.getViolations();
    }

    private static void open(String target) {
        driver.get("http://localhost:" + server.port() + target);
        wait.until(d -> "complete".equals(script("return document.readyState;")));
    }

    /** KaTeX has run when no raw maths is left in the page's text, and its fonts are in. */
    private static void waitForMath() {
        wait.until(d -> !d.findElement(By.tagName("main")).getText().contains("$$")
                && !d.findElement(By.tagName("main")).getText().contains("\\(")
                && "loaded".equals(script("return document.fonts.status;")));
    }

    private static String costLine() {
        return driver.findElement(By.cssSelector("#results p.lede")).getText();
    }

    private static Object script(String js) {
        return ((JavascriptExecutor) driver).executeScript(js);
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
        System.out.println("AccessibilityBrowserTest skipped: " + reason);
        Assumptions.assumeTrue(false, reason);
    }
}
