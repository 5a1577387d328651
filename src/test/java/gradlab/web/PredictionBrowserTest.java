package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import gradlab.lab.Lessons;
import gradlab.lab.Limits;
import gradlab.lab.Question;
import gradlab.view.LessonText;
import gradlab.view.QuantityFormat;

/**
 * Predict, then see, in a browser: the introduction opens without its comparison; the slider
 * moves with the arrow keys and says its value; Commit, pressed from the keyboard, brings the
 * guess beside the true value, moves the focus to that result and announces it, then the rest of
 * the lesson (its maths typeset) and a lab that recomputes when a field changes. Skip shows the
 * truth without a guess, and without JavaScript the form still answers, with a whole page.
 */
class PredictionBrowserTest {
    private static final Question INTRO = Lessons.load(true, null, Limits.DEFAULT, LessonText::html)
            .find("intro").orElseThrow().questions().get(0);
    private static Chromium b;

    @BeforeAll
    static void start() throws IOException {
        b = Chromium.start("PredictionBrowserTest", 1280, 900, false);
    }

    @AfterAll
    static void stop() throws IOException {
        if (b != null) {
            b.close();
        }
    }

    private static long count(String css) {
        return (Long) b.js("return document.querySelectorAll(arguments[0]).length;", css);
    }

    private static String truth() {
        return QuantityFormat.text(INTRO.quantity(), INTRO.truth());
    }

    @Test
    void aGuessMadeWithTheKeyboardIsSetBesideTheTruthThenTheLabWorks() {
        b.open("/lesson/intro");
        assertEquals(0, count("#results, [data-chart], #lab-form"), "no comparison before a guess");
        assertFalse(mainText().contains(truth()), "no true value before a guess");
        assertFalse(mainText().contains("What to look for"), "no text after the question");

        // the slider takes the focus from the keyboard (after its label's question) and moves with the arrows
        WebElement slider = b.byId("guess-1");
        b.js("document.getElementById('prediction-title').scrollIntoView();");
        slider.sendKeys(Keys.ARROW_LEFT, Keys.ARROW_LEFT, Keys.ARROW_LEFT, Keys.ARROW_DOWN);
        assertEquals("guess-1", b.focusedId());
        assertEquals("86", slider.getAttribute("value"));
        assertEquals("86°", b.driver.findElement(By.cssSelector("output[for='guess-1']")).getText(), "the readout");
        assertEquals("86°", slider.getAttribute("aria-valuetext"), "what a screen reader hears");
        slider.sendKeys(Keys.PAGE_UP);
        String value = slider.getAttribute("value");
        assertTrue(Integer.parseInt(value) > 86, "Page Up moves it further: " + value);

        // Tab reaches Commit; Enter sends the guess
        b.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        WebElement commit = b.driver.switchTo().activeElement();
        assertEquals("Commit my guess", commit.getText());
        commit.sendKeys(Keys.ENTER);

        b.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("prediction-result")));
        b.wait.until(d -> "prediction-result".equals(b.focusedId()));
        assertEquals(value + "°", b.driver.findElement(By.cssSelector("[data-role='guess']")).getText());
        assertEquals(truth(), b.driver.findElement(By.cssSelector("[data-role='truth']")).getText());
        b.wait.until(d -> b.textOf("prediction-status").startsWith("You guessed " + value + "°; the lab's value is "
                + truth() + "."));
        b.wait.until(ExpectedConditions.urlContains("/lesson/intro/after?question=mean-error.angleDegrees&value=" + value));

        // the rest of the lesson, its maths typeset, and its lab
        b.wait.until(d -> count(".lesson.rest .math:not([data-typeset])") == 0
                && "typeset".equals(b.js("return document.documentElement.getAttribute('data-math');")));
        assertTrue(count(".lesson.rest .katex") > 10, "the rest's maths is typeset");
        assertTrue(mainText().contains("What to look for"));
        assertEquals(1, count("svg[data-chart='cloud']"));
        String cost = costLine();
        WebElement n = b.field("n");
        n.clear();
        n.sendKeys("40");
        b.wait.until(d -> !costLine().isEmpty() && !costLine().equals(cost));
    }

    @Test
    void skipShowsTheTruthWithoutAGuess() {
        b.open("/lesson/intro");
        WebElement skip = b.driver.findElement(By.xpath("//button[normalize-space()='Skip']"));
        b.js("arguments[0].focus();", skip);
        b.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        b.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("prediction-result")));
        assertEquals(0, count("[data-role='guess']"));
        assertEquals(truth(), b.driver.findElement(By.cssSelector("[data-role='truth']")).getText());
        assertTrue(b.textOf("prediction-result").contains("The answer"));
        b.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#results table")));
    }

    @Test
    void withoutJavaScriptTheFormAnswersWithAWholePage() {
        ChromeDriver chrome = (ChromeDriver) b.driver;
        chrome.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
        try {
            b.driver.get("http://localhost:" + b.server.port() + "/lesson/intro");
            b.driver.findElement(By.xpath("//button[normalize-space()='Commit my guess']")).click();
            b.wait.until(ExpectedConditions.urlContains("/lesson/intro/after?question=mean-error.angleDegrees&value=90"));
            b.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("prediction-result")));
            assertTrue(b.driver.getCurrentUrl().endsWith("#prediction"), "it opens at the answer: " + b.driver.getCurrentUrl());
            assertEquals("90°", b.driver.findElement(By.cssSelector("[data-role='guess']")).getText());
            assertEquals(truth(), b.driver.findElement(By.cssSelector("[data-role='truth']")).getText());
            assertEquals(1, b.driver.findElements(By.cssSelector("svg[data-chart='cloud']")).size(), "the lab");
            assertTrue(b.driver.findElement(By.tagName("h1")).getText().contains("mean"), "the whole lesson: its title too");
        } finally {
            chrome.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", false));
        }
    }

    /** All the text of the page's main part, shown or not yet laid out (textContent, not innerText). */
    private static String mainText() {
        return (String) b.js("return document.querySelector('main').textContent;");
    }

    private static String costLine() {
        return (String) b.js("const e = document.querySelector('#results p.lede'); return e ? e.innerText : '';");
    }
}
