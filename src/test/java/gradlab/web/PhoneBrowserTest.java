package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The lab and a lesson on a phone (390 × 844 CSS pixels, touch): the results (the gradient
 * cloud first) on the first screen with the settings one tap away, tables and charts that scroll sideways and say so,
 * chart text no smaller than 11 px, formulas that scroll instead of being cut.
 */
class PhoneBrowserTest {
    private static final String XOR = "data=xor&hidden=8&loss=bce";
    /** The smallest chart text a phone shows, in CSS pixels. */
    private static final double SMALLEST_TEXT = 11;

    private static Chromium b;

    @BeforeAll
    static void start() throws IOException {
        b = Chromium.start("PhoneBrowserTest", 390, 844, true);
    }

    @AfterAll
    static void stop() throws IOException {
        if (b != null) {
            b.close();
        }
    }

    @Test
    void theFirstScreenShowsTheResultsAndTheSettingsAreOneTapAway() {
        b.openLab(XOR);
        assertEquals(390L, b.js("return innerWidth;"), "the phone's width");
        WebElement heading = b.driver.findElement(By.cssSelector("#results h2"));
        WebElement cloud = b.driver.findElement(By.cssSelector("#results svg[data-chart='cloud']"));
        assertTrue(b.inViewport(heading), "the comparison's heading is on the first screen");
        assertTrue(((Number) b.js("return arguments[0].getBoundingClientRect().top;", cloud)).doubleValue() < 844,
                "the gradient cloud, the results' first picture, begins on the first screen (the verdict follows it)");
        assertFalse(b.field("data").isDisplayed(), "the form waits behind Settings");

        WebElement settings = b.driver.findElement(By.cssSelector("details.settings > summary"));
        assertTrue(b.inViewport(settings), "Settings is on the first screen");
        assertEquals("Settings", settings.getText());
        settings.click();
        b.wait.until(d -> b.field("data").isDisplayed());
        assertTrue(b.field("steps").isDisplayed(), "one tap shows every field");
    }

    @Test
    void tablesThatOverflowSayTheyScrollAndCanBeScrolledByKeyboard() {
        b.openLab(XOR);
        b.wait.until(d -> !boxes().isEmpty());
        List<Map<String, Object>> boxes = boxes();
        assertTrue(boxes.stream().anyMatch(box -> Boolean.TRUE.equals(box.get("wide"))),
                "the metrics table is wider than a phone: " + boxes);
        for (Map<String, Object> box : boxes) {
            if (Boolean.TRUE.equals(box.get("wide"))) {
                assertEquals("0", box.get("tabindex"), "a keyboard can scroll " + box);
                assertFalse(((String) box.get("name")).isBlank(), "the box has a name: " + box);
                assertTrue(Boolean.TRUE.equals(box.get("hint")), "a visible hint says it scrolls: " + box);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> boxes() {
        return (List<Map<String, Object>>) b.js("return Array.from(document.querySelectorAll('#results .scroll-box'), box => {"
                + "const label = box.getAttribute('aria-labelledby');"
                + "const hint = box.previousElementSibling;"
                + "return {wide: box.scrollWidth > box.clientWidth + 1, tabindex: box.getAttribute('tabindex'),"
                + " name: label ? document.getElementById(label).textContent : (box.getAttribute('aria-label') || ''),"
                + " hint: !!hint && hint.classList.contains('scroll-hint') && hint.getClientRects().length > 0};});");
    }

    @Test
    void chartTextIsNeverSmallerThan11PixelsOnAPhone() {
        b.openLab(XOR + "&steps=50");
        b.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#landscape svg")));
        b.trainingButton("Train").click();
        b.wait.until(d -> !b.textOf("run-summary").isBlank());
        b.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#run-charts svg")));

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> texts = (List<Map<String, Object>>) b.js(
                "return Array.from(document.querySelectorAll('svg.chart text'))"
                        + ".filter(t => t.getClientRects().length > 0 && t.textContent.trim() !== '')"
                        + ".map(t => ({chart: t.closest('svg').id, text: t.textContent,"
                        + " px: parseFloat(getComputedStyle(t).fontSize) * t.closest('svg').getScreenCTM().a}));");
        assertTrue(texts.size() > 50, "the charts' texts were found: " + texts.size());
        for (Map<String, Object> t : texts) {
            assertTrue(((Number) t.get("px")).doubleValue() >= SMALLEST_TEXT - 0.01, "too small on a phone: " + t);
        }
    }

    @Test
    void wideFormulasScrollInsteadOfBeingCut() {
        // the lesson's wide formulas come after its question
        b.openLesson("f1-covariance");
        // the page says when its maths is typeset and each wide formula can take the focus
        b.wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "data-math", "typeset"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> formulas = (List<Map<String, Object>>) b.js(
                "return Array.from(document.querySelectorAll('.lesson .katex-display'), f => {"
                        + "let box = f; while (box && !['auto', 'scroll'].includes(getComputedStyle(box).overflowX)) box = box.parentElement;"
                        + "const r = f.getBoundingClientRect();"
                        + "return {wide: f.scrollWidth > f.clientWidth + 1 || r.right > innerWidth,"
                        + " scrolls: !!box && box !== document.documentElement && box.scrollWidth > box.clientWidth,"
                        + " within: !box || box.getBoundingClientRect().right <= innerWidth + 1,"
                        + " keyboard: !!box && box.getAttribute && box.getAttribute('tabindex') === '0'};});");
        assertTrue(formulas.stream().anyMatch(f -> Boolean.TRUE.equals(f.get("wide"))),
                "a formula is wider than a phone: " + formulas);
        for (Map<String, Object> f : formulas) {
            if (Boolean.TRUE.equals(f.get("wide"))) {
                assertEquals(Boolean.TRUE, f.get("scrolls"), "a wide formula scrolls in its box: " + f);
                assertEquals(Boolean.TRUE, f.get("within"), "its box fits the screen: " + f);
                assertEquals(Boolean.TRUE, f.get("keyboard"), "a keyboard can scroll it: " + f);
            }
        }
        assertTrue((Boolean) b.js("return document.documentElement.scrollWidth <= innerWidth;"),
                "the page itself does not scroll sideways");
    }
}
