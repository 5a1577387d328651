package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The gradient cloud is what a student sees first: on a laptop (1280 × 900) it is on the
 * first screen, beside the verdict and before every table; on a phone (390 × 844) it is the
 * first chart of the results. The keyboard reaches it as one stop and steps through its dots.
 */
class CloudBrowserTest {
    private static final String LAB = "data=sine&n=24&seed=5&hidden=5&act=tanh&loss=mse";
    private static Chromium b;

    @BeforeAll
    static void start() throws IOException {
        b = Chromium.start("CloudBrowserTest", 1280, 900, false);
    }

    @AfterAll
    static void stop() throws IOException {
        if (b != null) {
            b.close();
        }
    }

    /** The name of the first chart of the results, and whether it comes before every table there. */
    private static String firstChart() {
        return (String) b.js("const first = document.querySelector('#results svg[data-chart]');"
                + "const table = document.querySelector('#results table');"
                + "const before = !table || (first.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING);"
                + "return first.getAttribute('data-chart') + (before ? '' : ' after a table');");
    }

    @Test
    void onALaptopTheCloudIsOnTheFirstScreenBesideTheVerdictAndBeforeEveryTable() {
        b.viewport(1280, 900, false);
        b.openLab(LAB);
        WebElement cloud = b.driver.findElement(By.cssSelector("svg[data-chart='cloud']"));
        assertTrue(b.inViewport(cloud), "the whole cloud is above the fold");
        System.out.printf("CloudBrowserTest: at 1280 × 900 the cloud spans x %d–%d and y %d–%d%n", cloud.getRect().getX(),
                cloud.getRect().getX() + cloud.getRect().getWidth(), cloud.getRect().getY(),
                cloud.getRect().getY() + cloud.getRect().getHeight());
        assertEquals("cloud", firstChart());
        WebElement verdict = b.driver.findElement(By.cssSelector("#results .verdict"));
        assertTrue(verdict.getRect().getX() > cloud.getRect().getX() + cloud.getRect().getWidth() - 1
                        && verdict.getRect().getY() < cloud.getRect().getY() + cloud.getRect().getHeight(),
                "the verdict sits beside the cloud: " + verdict.getRect() + " " + cloud.getRect());
        assertEquals(24L, b.js("return document.querySelectorAll(\"svg[data-chart='cloud'] [data-example]\").length;"));
    }

    @Test
    void onAPhoneTheCloudIsTheFirstChartOfTheResultsAndBeginsOnTheFirstScreen() {
        b.viewport(390, 844, true);
        try {
            b.openLab(LAB);
            assertEquals("cloud", firstChart());
            WebElement cloud = b.driver.findElement(By.cssSelector("svg[data-chart='cloud']"));
            double top = ((Number) b.js("return arguments[0].getBoundingClientRect().top;", cloud)).doubleValue();
            assertTrue(top >= 0 && top < 844, "the cloud starts on the first screen: " + top);
        } finally {
            b.viewport(1280, 900, false);
        }
    }

    @Test
    void theArrowKeysStepThroughTheDotsAndSayEachOne() {
        b.viewport(1280, 900, false);
        b.openLab(LAB);
        WebElement keys = b.driver.findElement(By.cssSelector(".cloud-keys"));
        b.js("arguments[0].focus();", keys);
        keys.sendKeys(Keys.ARROW_RIGHT);
        keys.sendKeys(Keys.ARROW_RIGHT);
        assertEquals("1", b.js("return document.querySelector('circle.current').getAttribute('data-example');"));
        assertTrue(b.driver.findElement(By.cssSelector(".cloud-readout")).getText().startsWith("example 1: x "),
                b.driver.findElement(By.cssSelector(".cloud-readout")).getText());
        keys.sendKeys(Keys.ARROW_LEFT);
        keys.sendKeys(Keys.ARROW_LEFT);
        assertEquals("23", b.js("return document.querySelector('circle.current').getAttribute('data-example');"),
                "left of the first is the last");
        assertEquals(1L, b.js("return document.querySelectorAll('#cloud [tabindex]').length;"), "one tab stop");
    }

    /** The plane chosen under the cloud is sent with the form: the cloud is drawn again on it, and the URL says it. */
    @Test
    void thePlaneChosenUnderTheCloudRedrawsItAndGoesInTheAddress() {
        b.viewport(1280, 900, false);
        b.openLab(LAB);
        String caption = b.driver.findElement(By.cssSelector("#cloud figcaption span")).getText();
        assertTrue(caption.contains("across it toward mean-input"), caption);
        new Select(b.driver.findElement(By.id("f-plane"))).selectByValue("params");
        b.wait.until(d -> d.findElement(By.cssSelector("#cloud figcaption span")).getText().contains("the parameters "));
        assertTrue(b.driver.getCurrentUrl().contains("plane=params"), b.driver.getCurrentUrl());
        assertEquals("params", new Select(b.driver.findElement(By.id("f-plane"))).getFirstSelectedOption()
                .getAttribute("value"), "the chooser shows the plane drawn");
        new Select(b.driver.findElement(By.id("f-plane"))).selectByValue("naive:mean-error");
        b.wait.until(d -> d.findElement(By.cssSelector("#cloud figcaption span")).getText().contains("toward mean-error"));
        assertTrue(b.driver.getCurrentUrl().contains("plane=naive%3Amean-error"), b.driver.getCurrentUrl());
    }
}
