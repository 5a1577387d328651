package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The step controls in a browser: +1 and −1 move the comparison along the training, the address
 * and the heading follow, Back returns to the step before, and another change keeps the step.
 */
class StepBrowserTest {
    private static final String LAB = StepControlsTest.LAB;
    private static Chromium b;

    @BeforeAll
    static void start() throws IOException {
        b = Chromium.start("StepBrowserTest", 1280, 900, false);
    }

    @AfterAll
    static void stop() throws IOException {
        if (b != null) {
            b.close();
        }
    }

    private static String heading() {
        return (String) b.js("return document.querySelector('#results h2').textContent;");
    }

    /** Waits until the heading and the address both say step k. */
    private static void waitForStep(int k) {
        String words = k == 0 ? "The gradient at θ0" : "The gradient at step " + k + " of the per-example copy";
        b.wait.until(d -> heading().equals(words));
        b.wait.until(d -> d.getCurrentUrl().matches(".*[?&]at=" + k + "(&.*)?$"));
    }

    @Test
    void plusAndMinusOneMoveTheStepTheAddressAndTheHeadingAndBackReturns() {
        b.openLab(LAB + "&at=5");
        waitForStep(5);
        b.byId("step-forward-1").click();
        waitForStep(6);
        // the keyboard presses the link htmx kept the focus on
        assertEquals("step-forward-1", b.focusedId(), "the focus stays on +1");
        b.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        waitForStep(7);
        b.byId("step-back-1").click();
        waitForStep(6);
        b.driver.navigate().back();
        waitForStep(7);
        b.driver.navigate().back();
        waitForStep(6);
        b.driver.navigate().back();
        waitForStep(5);
        b.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg[data-chart='landscape']")));
        assertTrue((Long) b.js("return document.querySelectorAll(\"svg[data-chart='landscape'] [data-role='path']\").length;") >= 3,
                "the landscape draws every copy's path");
    }

    /** Whether the address carries the parameter. */
    private static boolean carries(String param) {
        return b.driver.getCurrentUrl().matches(".*[?&]" + param + "=.*");
    }

    private static String message(String param) {
        return b.textOf("error-" + param);
    }

    private static String invalid(String id) {
        return b.byId(id).getAttribute("aria-invalid");
    }

    @Test
    void aPageRefusedForItsStepShowsTheStepBeforeWithItsMessageAndControlsThatLeadBack() {
        b.open("/lab?data=sine&n=32&hidden=8&lr=1000&steps=500&along=mean-input&at=500");
        b.wait.until(d -> heading().equals("The gradient at step 1 of the mean-input copy"));
        assertTrue(message("at").contains("mean-input diverged at step 2"), message("at"));
        assertEquals("500", b.byId("f-at").getAttribute("value"), "what was asked for stays in the step field");
        assertEquals("true", invalid("f-at"));
        b.byId("step-back-1").click();
        b.wait.until(d -> heading().equals("The gradient at θ0"));
        b.wait.until(d -> !carries("at"));
        assertEquals("", message("at"), "the message goes with the refused step");
        assertEquals(null, invalid("f-at"));
    }

    @Test
    void aStepTypedPastTheCapShowsItsMessageNextToTheFieldAndTheLastResultStays() {
        b.openLab(LAB + "&at=5");
        waitForStep(5);
        b.byId("f-at").clear();
        b.byId("f-at").sendKeys("100000000", Keys.TAB);
        b.wait.until(d -> message("at").startsWith("at must be a whole number from 0 to 5000"));
        b.wait.until(d -> "true".equals(invalid("f-at")));
        assertEquals("The gradient at step 5 of the per-example copy", heading(), "the last good result stays");
        assertTrue(b.driver.getCurrentUrl().matches(".*[?&]at=5(&.*)?$"), "and so does its address");
        b.byId("step-forward-1").click();
        waitForStep(6);
        assertEquals("", message("at"));
        assertEquals(null, invalid("f-at"));
    }

    /** The lab's form as it would be sent: every field, those outside it that belong to it too. */
    private static String formSent() {
        return (String) b.js("return new URLSearchParams(new FormData(document.getElementById('lab-form'))).toString();");
    }

    private static String shownSpec() {
        return b.byId("results").getAttribute("data-spec");
    }

    @Test
    void theAddressAChangePushesCarriesNoDefaultsAndReopensToTheSameLab() {
        for (String lab : new String[] {LAB, LAB + "&at=5&along=mean-input&plane=params"}) {
            b.openLab(lab);
            b.field("lr").clear();
            b.field("lr").sendKeys("0.25");
            b.wait.until(d -> d.getCurrentUrl().contains("lr=0.25"));
            b.wait.until(d -> shownSpec().contains("lr=0.25"));
            boolean defaults = !lab.contains("at=");
            assertEquals(!defaults, carries("at"), b.driver.getCurrentUrl());
            assertEquals(!defaults, carries("along"), b.driver.getCurrentUrl());
            assertEquals(!defaults, carries("plane"), b.driver.getCurrentUrl());
            String url = b.driver.getCurrentUrl();
            String spec = shownSpec();
            String form = formSent();
            b.driver.navigate().refresh();
            b.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#results table")));
            assertEquals(url, b.driver.getCurrentUrl());
            assertEquals(spec, shownSpec(), "the permalink gives the same lab");
            assertEquals(form, formSent(), "and the same form");
        }
    }

    @Test
    void changingAnotherFieldKeepsTheStep() {
        b.openLab(LAB + "&at=5");
        waitForStep(5);
        b.field("lr").clear();
        b.field("lr").sendKeys("0.25");
        b.wait.until(d -> d.getCurrentUrl().contains("lr=0.25"));
        waitForStep(5);
        assertEquals("5", b.driver.findElement(By.id("f-at")).getAttribute("value"));
    }
}
