package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The lab as a student works it, in a laptop's window (1280 × 800): a Train pressed right
 * after an edit is kept, Back and Forward keep the form, the results and the address together,
 * every field stays reachable beside a trained page, and the keyboard and a screen reader get
 * where they need to go. One browser and one server for the class.
 */
class LabInteractionBrowserTest {
    private static final String XOR = "data=xor&hidden=8&loss=bce";
    private static final String SHORT_RUN = XOR + "&steps=100";
    private static final String LONG_RUN = "data=spiral&n=2000&hidden=32,32&steps=5000";
    private static final Duration RUN_FREED = Duration.ofSeconds(3);

    private static Chromium b;

    @BeforeAll
    static void start() throws IOException {
        b = Chromium.start("LabInteractionBrowserTest", 1280, 800, false);
    }

    @AfterAll
    static void stop() throws IOException {
        if (b != null) {
            b.close();
        }
    }

    @BeforeEach
    void laptopWindow() {
        b.viewport(1280, 800, false);
    }

    // ---------------------------------------------------------------- bug 1: a Train right after an edit

    @Test
    void theFirstTrainAfterEditingAFieldIsKeptAndTrainsTheNewValue() {
        b.openLab(SHORT_RUN);
        String cost = costLine();

        b.field("noise").sendKeys(Keys.chord(Keys.CONTROL, "a"), "0");
        b.trainingButton("Train").click();
        b.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("run-status")));

        // the comparison of noise = 0 arrives after Train was pressed
        b.wait.until(d -> query().contains("noise=0&") && !costLine().equals(cost));
        waitSaying("the run started by Train survives the comparison's refresh and ends with its summary")
                .until(d -> !d.findElements(By.id("run-summary")).isEmpty() && !b.textOf("run-summary").isBlank());
        String csv = b.driver.findElement(By.cssSelector("#training .lede a")).getAttribute("href");
        assertTrue(decoded(csv).contains("noise=0&"), "the run trained the form's value noise = 0: " + csv);
        assertFalse(b.byId("run-stale").isDisplayed(), "the run is of the settings shown");
        waitUntilNoRunIsRunning();
    }

    @Test
    void aFinishedRunStaysWhenTheFormChangesAndSaysItsSettingsAreTheEarlierOnes() {
        b.openLab(SHORT_RUN);
        trainToTheEnd();
        String summary = b.textOf("run-summary");
        String cost = costLine();

        new Select(b.field("loss")).selectByValue("mse");
        b.wait.until(d -> !costLine().equals(cost));
        assertEquals(summary, b.textOf("run-summary"), "the finished run is still shown");
        waitSaying("the run says it belongs to the earlier settings").until(d -> b.byId("run-stale").isDisplayed());

        b.trainingButton("Train again").click();
        b.wait.until(d -> !b.textOf("run-summary").isBlank() && !b.trainingButtons("Train again").isEmpty());
        assertFalse(b.byId("run-stale").isDisplayed(), "the new run is of the settings shown");
        waitUntilNoRunIsRunning();
    }

    // ---------------------------------------------------------------- bug 2: Back and Forward

    @Test
    void oneHistoryEntryPerChangeAndBackAndForwardKeepTheFormTheResultsAndTheAddressTogether() {
        b.openLab(XOR);
        countHistoryPushes();
        long start = historyLength();
        State first = State.now();

        new Select(b.field("act")).selectByValue("relu");
        State second = waitForChange(first);
        b.field("hidden").sendKeys(Keys.chord(Keys.CONTROL, "a"), "4,4");
        State third = waitForChange(second);
        b.field("hidden").sendKeys(Keys.TAB); // leaving the field is no change of its own
        waitForTheFormToSettle();
        assertEquals(start + 2, historyLength(), "two changes, two history entries");
        assertEquals(2L, b.js("return window.pushes;"), "two changes, two pushes");

        trainToTheEnd();
        waitUntilNoRunIsRunning();

        b.driver.navigate().back();
        waitFor(second);
        b.driver.navigate().back();
        waitFor(first);
        b.driver.navigate().forward();
        waitFor(second);
        b.driver.navigate().forward();
        waitFor(third);
        assertTrue(b.driver.findElements(By.id("run-stream")).isEmpty(), "no stream is opened from history");
        assertEquals(0, b.server.running(), "no run started again");
        assertFalse(b.trainingButtons("Train").isEmpty(), "the page offers Train");

        // Train then trains what the page shows
        b.trainingButton("Train").click();
        b.wait.until(d -> !b.textOf("run-summary").isBlank());
        String csv = decoded(b.driver.findElement(By.cssSelector("#training .lede a")).getAttribute("href"));
        assertTrue(csv.contains("hidden=4,4") && csv.contains("act=relu"), csv);
        waitUntilNoRunIsRunning();
    }

    /** What the page shows: the address, the comparison's first line and every value of the form. */
    private record State(String url, String cost, String form) {
        static State now() {
            return new State(b.driver.getCurrentUrl(), costLine(), formValues());
        }
    }

    private static State waitForChange(State before) {
        waitSaying("the change reaches the address bar and the comparison")
                .until(d -> !d.getCurrentUrl().equals(before.url()) && !costLine().equals(before.cost()));
        return State.now();
    }

    private static void waitFor(State expected) {
        waitSaying("the page shows again " + expected).until(d -> State.now().equals(expected));
    }

    /** The form's values, name=value in the form's order. */
    private static String formValues() {
        return (String) b.js("return Array.from(new FormData(document.getElementById('lab-form')),"
                + " e => e[0] + '=' + e[1]).join('&');");
    }

    private static void countHistoryPushes() {
        b.js("window.pushes = 0; window.formRequests = 0; window.formAnswers = 0;"
                + "document.body.addEventListener('htmx:pushedIntoHistory', () => window.pushes++);"
                + "document.body.addEventListener('htmx:beforeRequest', e => { if (e.detail.elt.id === 'lab-form') window.formRequests++; });"
                + "document.body.addEventListener('htmx:afterRequest', e => { if (e.detail.elt.id === 'lab-form') window.formAnswers++; });");
    }

    /**
     * Lets a request the form may still have scheduled go out, and waits for its answer: the form
     * waits 300 ms after an event; a timer set after that event (here, 1 s) fires after htmx's.
     */
    private static void waitForTheFormToSettle() {
        ((JavascriptExecutor) b.driver).executeAsyncScript("setTimeout(arguments[arguments.length - 1], 1000);");
        b.wait.until(d -> b.js("return window.formRequests === window.formAnswers;"));
    }

    private static long historyLength() {
        return (Long) b.js("return history.length;");
    }

    // ---------------------------------------------------------------- bug 3: the sticky form

    @Test
    void everyFieldAndTrainAreReachableBesideATrainedPageWithoutScrollingToItsEnd() {
        b.openLab(SHORT_RUN);
        trainToTheEnd();
        WebElement train = b.trainingButton("Train again");
        b.js("arguments[0].scrollIntoView({block: 'center'});", train);
        assertTrue(b.inViewport(train), "Train again is in view");
        assertTrue((Boolean) b.js("return scrollY + innerHeight < document.documentElement.scrollHeight - innerHeight;"),
                "the trained page goes on for more than a screen below Train again");

        List<WebElement> controls = b.driver.findElements(By.cssSelector("#lab-form input:not([type=hidden]), #lab-form select"));
        assertTrue(controls.size() >= 12, "the form's fields: " + controls.size());
        for (WebElement control : controls) {
            String name = control.getAttribute("name");
            // the way a keyboard reaches it; a pointer scrolls the form's column the same way
            b.js("arguments[0].focus();", control);
            assertTrue(b.inViewport(control), name + " is in view when it has the focus");
            assertTrue(b.inViewport(b.trainingButton("Train again")),
                    "reaching " + name + " leaves Train again in view (the page did not scroll to its end)");
        }
    }

    // ---------------------------------------------------------------- the keyboard

    @Test
    void theFirstTabStopIsASkipLinkToTheResults() {
        b.openLab(XOR);
        new Actions(b.driver).sendKeys(Keys.TAB).perform();
        WebElement skip = b.driver.switchTo().activeElement();
        assertEquals("Skip to the results", skip.getText());
        skip.sendKeys(Keys.ENTER);
        new Actions(b.driver).sendKeys(Keys.TAB).perform();
        assertTrue((Boolean) b.js("return document.getElementById('results').contains(document.activeElement);"),
                "after the skip link, Tab goes on inside the results: " + b.focusedId());
    }

    @Test
    void theFocusGoesToStopOnTrainAndBackToTrainAfterStopOrTheEnd() {
        b.openLab(LONG_RUN);
        b.trainingButton("Train").sendKeys(Keys.ENTER);
        waitSaying("Stop has the focus once the run starts").until(d -> "Stop".equals(focusedText()));
        b.wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#run-rows tr"), 0));
        b.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitSaying("Train again has the focus after Stop").until(d -> "Train again".equals(focusedText()));
        waitUntilNoRunIsRunning();

        b.openLab(SHORT_RUN);
        // a short run may end before a look at the focus: the page notes where the focus went
        b.js("window.focusedTexts = []; document.addEventListener('focusin', "
                + "e => window.focusedTexts.push(e.target.textContent.trim()));");
        b.trainingButton("Train").sendKeys(Keys.ENTER);
        b.wait.until(d -> !b.textOf("run-summary").isBlank());
        waitSaying("Train again has the focus when the run ends").until(d -> "Train again".equals(focusedText()));
        @SuppressWarnings("unchecked")
        List<String> focused = (List<String>) b.js("return window.focusedTexts;");
        assertTrue(focused.indexOf("Stop") >= 0 && focused.indexOf("Stop") < focused.lastIndexOf("Train again"),
                "Stop had the focus while the run ran, then Train again: " + focused);
        waitUntilNoRunIsRunning();
    }

    @Test
    void theFieldBeingTypedInKeepsTheFocusAcrossARefresh() {
        b.openLab(XOR);
        String cost = costLine();
        b.field("noise").sendKeys(Keys.chord(Keys.CONTROL, "a"), "0.1");
        b.wait.until(d -> !costLine().equals(cost));
        assertEquals("f-noise", b.focusedId());
    }

    @Test
    void theGlossaryTermsAreNoTabStopsOnTheWayToTrainAndTheGlossaryIsOne() {
        b.openLab(XOR);
        b.field("steps").click();
        List<String> passed = new ArrayList<>();
        for (int i = 0; i < 40 && !"Train".equals(focusedText()); i++) {
            new Actions(b.driver).sendKeys(Keys.TAB).perform();
            passed.add(focusedText() + (isGlossaryTerm() ? " (term)" : ""));
        }
        assertEquals("Train", focusedText(), "Tab reaches Train from the last field: " + passed);
        assertTrue(passed.stream().noneMatch(s -> s.endsWith("(term)")), "no term is a tab stop: " + passed);
        // at θ0 the step moves +1, +10 and last, the step and the copy; the cloud, its plane, two
        // downloads, the glossary, JSON, CSV, the link, Train
        assertTrue(passed.size() <= 14, "from the last field to Train in a few presses: " + passed);
        assertTrue(passed.stream().anyMatch(s -> s.startsWith("The terms")), "the glossary is one stop: " + passed);
    }

    private static String focusedText() {
        return ((String) b.js("return document.activeElement ? document.activeElement.textContent.trim() : '';"));
    }

    private static boolean isGlossaryTerm() {
        return (Boolean) b.js("return !!document.activeElement.closest('details.term');");
    }

    // ---------------------------------------------------------------- a screen reader

    @Test
    void aFieldInErrorIsInvalidAndDescribedByItsMessage() {
        b.openLab(XOR);
        b.field("n").sendKeys(Keys.chord(Keys.CONTROL, "a"), "0");
        b.wait.until(d -> !b.textOf("error-n").isBlank());
        WebElement n = b.field("n");
        assertEquals("true", n.getAttribute("aria-invalid"));
        assertTrue(n.getAttribute("aria-describedby").contains("error-n"), n.getAttribute("aria-describedby"));
        waitSaying("the message is announced").until(d -> status().contains("n must be"));

        b.field("n").sendKeys(Keys.chord(Keys.CONTROL, "a"), "32");
        b.wait.until(d -> b.textOf("error-n").isBlank());
        assertNull(b.field("n").getAttribute("aria-invalid"), "valid again");
    }

    @Test
    void theLiveRegionsAnnounceTheVerdictAndTheEndOfARunOnly() {
        b.openLab(SHORT_RUN);
        // the cloud's readout speaks only when the arrow keys step through its dots
        assertEquals(Set.of("cloud-readout", "comparison-status"), liveRegions(), "before any run");
        assertEquals("", b.textOf("cloud-readout"), "silent until the keys move");
        String cost = costLine();
        new Select(b.field("loss")).selectByValue("mse");
        b.wait.until(d -> !costLine().equals(cost));
        String said = status();
        assertTrue(said.contains("mean-error") && said.contains("away from the true gradient"), said);

        b.trainingButton("Train").click();
        b.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("run-status")));
        assertEquals(Set.of("cloud-readout", "comparison-status", "run-summary"), liveRegions(), "while a run runs");
        b.wait.until(d -> !b.textOf("run-summary").isBlank());
        waitUntilNoRunIsRunning();
    }

    private static Set<String> liveRegions() {
        @SuppressWarnings("unchecked")
        List<String> ids = (List<String>) b.js("return Array.from(document.querySelectorAll("
                + "'[aria-live]:not([aria-live=off]), [role=status], [role=alert], [role=log], output'), e => e.id || e.outerHTML.slice(0, 80));");
        return new TreeSet<>(ids);
    }

    // ---------------------------------------------------------------- Stop

    @Test
    void stopLeavesASummaryInWords() {
        b.openLab(LONG_RUN);
        b.trainingButton("Train").click();
        b.wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#run-rows tr"), 1));
        b.trainingButton("Stop").click();
        b.wait.until(d -> !b.textOf("run-summary").isBlank());
        String summary = b.textOf("run-summary");
        String lastStep = b.driver.findElement(By.cssSelector("#run-rows tr:last-child th")).getText();
        assertTrue(summary.contains("stopped") && summary.contains("step " + lastStep + " of 5000"), summary);
        for (String copy : List.of("per-example", "mean-input", "mean-error")) {
            assertTrue(summary.contains(copy + ": J = "), copy + " in " + summary);
        }
        waitUntilNoRunIsRunning();
    }

    // ---------------------------------------------------------------- lessons

    @Test
    void whatToLookForSitsBesideTheLabOnAWideScreen() {
        b.viewport(1500, 900, false);
        b.openLesson("f1-covariance");
        WebElement look = b.driver.findElement(By.xpath("//h2[normalize-space()='What to look for']/.."));
        WebElement lab = b.driver.findElement(By.cssSelector(".lesson-lab .lab"));
        assertNotNull(look);
        assertTrue(look.getRect().getX() >= lab.getRect().getX() + lab.getRect().getWidth(),
                "the box is to the right of the lab: " + look.getRect() + " / " + lab.getRect());
        assertTrue(look.getRect().getY() < lab.getRect().getY() + lab.getRect().getHeight()
                && lab.getRect().getY() < look.getRect().getY() + look.getRect().getHeight(), "side by side");

        b.viewport(1000, 900, false);
        b.openLesson("f1-covariance");
        WebElement narrow = b.driver.findElement(By.xpath("//h2[normalize-space()='What to look for']/.."));
        assertTrue(narrow.getRect().getWidth() > 500, "on a narrower screen the box takes the text's width");
    }

    // ---------------------------------------------------------------- helpers

    /** The comparison's first line, read at once (htmx may be swapping it). */
    private static String costLine() {
        return (String) b.js("const e = document.querySelector('#results p.lede'); return e ? e.innerText : '';");
    }

    /** What the status line says (it is visually hidden, so its text is read from the DOM). */
    private static String status() {
        return (String) b.js("return document.getElementById('comparison-status').textContent;");
    }

    private static String query() {
        return decoded(b.driver.getCurrentUrl()) + "&";
    }

    private static String decoded(String url) {
        return URLDecoder.decode(url, StandardCharsets.UTF_8);
    }

    private static FluentWait<org.openqa.selenium.WebDriver> waitSaying(String message) {
        return new WebDriverWait(b.driver, Chromium.TIMEOUT).withMessage(message);
    }

    private static void trainToTheEnd() {
        b.trainingButton("Train").click();
        b.wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#run-rows tr"), 0));
        b.wait.until(d -> !b.textOf("run-summary").isBlank());
        b.wait.until(d -> !b.trainingButtons("Train again").isEmpty());
    }

    private static void waitUntilNoRunIsRunning() {
        new FluentWait<>(b.server).withTimeout(RUN_FREED).pollingEvery(Duration.ofMillis(50))
                .withMessage("the server frees the run within " + RUN_FREED.toSeconds() + " s")
                .until(s -> s.running() == 0);
    }
}
