package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;

import gradlab.lab.Lesson;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;
import gradlab.view.LessonText;
import gradlab.view.Paths;

/**
 * The pages as a browser shows them, checked by an accessibility engine (axe-core) and, once
 * htmx has swapped its fragments in and a training run has ended, by the Nu HTML checker: the
 * gallery, every lesson (before its questions, and one after a guess and after a refused guess),
 * the upload form, the lab after a comparison and after a run, and some
 * of them at a phone's width. Zero
 * violations and zero errors. One browser and one in-process server for the class. Skipped
 * when Chromium or its driver is missing, except on CI (CI=true), where that is a failure.
 */
class AccessibilityBrowserTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Lessons LESSONS = Lessons.load(true, null, Limits.DEFAULT, LessonText::html);
    private static final String XOR = "data=xor&hidden=8&loss=bce&steps=100";
    /** A phone's viewport in CSS pixels, as page auditors emulate one. */
    private static final Dimension PHONE = new Dimension(390, 844);

    private static Server server;
    private static WebDriver driver;
    private static WebDriverWait wait;
    private static Chromium browser;

    @BeforeAll
    static void startServerAndBrowser() throws IOException {
        browser = Chromium.start("AccessibilityBrowserTest");
        server = browser.server;
        driver = browser.driver;
        wait = new WebDriverWait(driver, TIMEOUT);
    }

    @AfterAll
    static void stopBrowserAndServer() throws IOException {
        if (browser != null) {
            browser.close();
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
    void aLessonBeforeAndAfterItsQuestionsHasNoViolations() throws Exception {
        List<String> faults = new ArrayList<>();
        // two questions asked; one committed (an audit of a lesson with its lab is long: one is enough, the
        // outcome of a skip differs only by the guess it lacks); one refused
        String two = Paths.lesson("f2-linear-regression");
        open(two);
        waitForMath();
        audit(two + " before its questions", faults);
        String intro = Paths.lesson("intro");
        open(intro);
        waitForMath();
        audit(intro + " before its question", faults);
        driver.findElement(By.id("guess-1")).sendKeys(org.openqa.selenium.Keys.ARROW_RIGHT);
        driver.findElement(By.xpath("//section[@id='prediction']//button[normalize-space()='Commit my guess']")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#results table")));
        wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "data-math", "typeset"));
        waitForMath();
        audit(intro + " after a guess", faults);
        String refused = Paths.lessonAfter("intro") + "?question=mean-error.angleDegrees&value=181";
        open(refused);
        waitForMath();
        audit(refused, faults);
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
    void theLabAtATrainingStepWithItsPathsHasNoViolations() throws Exception {
        List<String> faults = new ArrayList<>();
        open(Paths.LAB + "?" + StepControlsTest.LAB + "&at=5");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg[data-chart='landscape'] [data-role='path']")));
        audit("/lab at step 5", faults);
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

    @Test
    void aClassesPagesHaveNoViolationsOpenRevealedAndProjected() throws Exception {
        List<String> faults = new ArrayList<>();
        open(Paths.CLASS);
        audit(Paths.CLASS, faults);
        driver.findElement(By.id("lesson-intro")).click();
        driver.findElement(By.id("lesson-f1-covariance")).click();
        driver.findElement(By.xpath("//button[normalize-space()='Start the class']")).click();
        wait.until(ExpectedConditions.urlMatches("/class/[2-9A-HJ-NP-Z]{6}/teach$"));
        String code = driver.findElement(By.id("class-code")).getText().strip();
        audit("the instructor's page", faults);

        // the same browser joins as a student too: the two cookies are of the class's path
        open(Paths.JOIN);
        audit(Paths.JOIN, faults);
        driver.findElement(By.id("f-code")).sendKeys("WRONG1");
        driver.findElement(By.xpath("//button[normalize-space()='Join']")).click();
        wait.until(d -> !d.findElement(By.id("error-code")).getText().isBlank());
        audit("/join with an unknown code", faults);
        driver.findElement(By.id("f-code")).clear();
        driver.findElement(By.id("f-code")).sendKeys(code);
        driver.findElement(By.xpath("//button[normalize-space()='Join']")).click();
        wait.until(ExpectedConditions.urlMatches("/class/" + code + "$"));
        waitForMath();
        driver.findElement(By.xpath("//button[normalize-space()='Commit my guess']")).click();
        // read in one step: htmx replaces the form, an element found before would go stale
        wait.until(d -> String.valueOf(script("var e = document.getElementById('prediction-recorded');"
                + " return e === null ? '' : e.innerText;")).startsWith("Recorded"));
        audit("a student's page, a prediction recorded", faults);

        script("fetch('/class/" + code + "/reveal', {method: 'POST'});");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#class-lesson [data-role='truth']")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#class-lesson #results table")));
        waitForMath();
        audit("a student's page, revealed", faults);
        open("/class/" + code + "/teach");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#class-board [data-role='truth']")));
        audit("the instructor's page, revealed, with a prediction", faults);

        open("/class/" + code);
        script("fetch('/class/" + code + "/next', {method: 'POST'});");
        wait.until(d -> d.findElement(By.id("class-lesson")).getText().contains("lesson 2 of 2"));
        waitForMath();
        audit("a student's page, the next lesson", faults);

        open("/class/" + code + "/teach");
        audit("the instructor's page, the next lesson", faults);
        Dimension window = driver.manage().window().getSize();
        try {
            driver.manage().window().setSize(PHONE);
            open("/class/" + code);
            waitForMath();
            audit("a student's page at " + PHONE.getWidth() + " px", faults);
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
}
