package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import gradlab.lab.Lessons;
import gradlab.lab.Limits;
import gradlab.lab.Question;
import gradlab.view.LessonText;
import gradlab.view.QuantityFormat;

/**
 * A class in real browsers: an instructor's window and two students' windows, each with its
 * own cookies. The instructor starts a class, both students join with its code and predict
 * with the slider, the instructor's page counts them and draws their guesses, Reveal shows the
 * true value on both students' pages and Next moves both on, without a reload. Skipped when
 * Chromium or its driver is missing, except on CI (CI=true), where that is a failure.
 */
class ClassBrowserTest {
    private static final Question INTRO = Lessons.load(true, null, Limits.DEFAULT, LessonText::html).find("intro")
            .orElseThrow().questions().get(0);
    private static Chromium teacher;
    private static final List<Chromium> students = new ArrayList<>();

    @BeforeAll
    static void startBrowsers() throws IOException {
        teacher = Chromium.start("ClassBrowserTest");
        for (int i = 0; i < 2; i++) {
            students.add(Chromium.another(teacher));
        }
    }

    @AfterAll
    static void stopBrowsers() throws IOException {
        for (Chromium s : students) {
            s.close();
        }
        if (teacher != null) {
            teacher.close();
        }
    }

    /** Clicks the button of that id, found afresh: the instructor's stream may replace the board at any moment. */
    private static void click(Chromium c, String id) {
        c.wait.until(d -> {
            try {
                d.findElement(By.id(id)).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException swapped) {
                return false;
            }
        });
    }

    @Test
    void twoStudentsPredictTheInstructorSeesThemRevealsAndMovesThemOn() {
        teacher.open("/class");
        teacher.driver.findElement(By.id("lesson-intro")).click();
        teacher.driver.findElement(By.id("lesson-f1-covariance")).click();
        teacher.driver.findElement(By.xpath("//button[normalize-space()='Start the class']")).click();
        teacher.wait.until(ExpectedConditions.urlMatches("/class/[2-9A-HJ-NP-Z]{6}/teach$"));
        String code = teacher.textOf("class-code");
        assertTrue(code.matches("[2-9A-HJ-NP-Z]{6}"), code);
        assertTrue(teacher.textOf("class-students").startsWith("No student"), teacher.textOf("class-students"));

        int[] guesses = {12, 47};
        for (int i = 0; i < 2; i++) {
            Chromium s = students.get(i);
            s.open("/join");
            s.byId("f-code").sendKeys(code.toLowerCase(java.util.Locale.ROOT));
            s.driver.findElement(By.xpath("//button[normalize-space()='Join']")).click();
            s.wait.until(ExpectedConditions.urlMatches("/class/" + code + "$"));
            s.wait.until(d -> Boolean.TRUE.equals(s.js("return typeof htmx !== 'undefined' && document.readyState === 'complete';")));
            // the page is kept, not reloaded: this mark would be gone after a reload
            s.js("window.classPageMark = 'kept';");
            WebElement slider = s.byId("guess-1");
            slider.click();
            slider.sendKeys(Keys.HOME);
            for (int k = 0; k < guesses[i]; k++) {
                slider.sendKeys(Keys.ARROW_RIGHT);
            }
            assertEquals(guesses[i] + "°", s.js("return document.querySelector('#prediction output').textContent;"),
                    "the slider shows its value, as on a lesson's page");
            s.driver.findElement(By.xpath("//button[normalize-space()='Commit my guess']")).click();
            int guess = guesses[i];
            s.wait.until(d -> s.textOf("prediction-recorded").startsWith("Recorded: " + guess + "°"));
            assertEquals(0L, s.js("return document.querySelectorAll('[data-role=truth]').length;"), "nothing revealed yet");
        }

        teacher.wait.until(d -> teacher.textOf("class-students").startsWith("2 students"));
        teacher.wait.until(d -> teacher.textOf("class-board").contains("2 predictions"));
        assertEquals(2L, teacher.js("return document.querySelectorAll('#class-board rect[data-bin]').length;"),
                "a bar for each guess (12° and 47° lie in different bins)");
        assertEquals(0L, teacher.js("return document.querySelectorAll('#class-board [data-role=truth]').length;"));

        click(teacher, "class-reveal");
        String truth = QuantityFormat.text(INTRO.quantity(), INTRO.truth());
        for (int i = 0; i < 2; i++) {
            Chromium s = students.get(i);
            int guess = guesses[i];
            s.wait.until(d -> truth.equals(s.js("var e = document.querySelector('#class-lesson [data-role=truth]');"
                    + " return e === null ? null : e.textContent;")));
            assertEquals(guess + "°", s.js("return document.querySelector('#class-lesson [data-role=guess]').textContent;"));
            s.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#class-lesson #results table")));
            assertEquals("kept", s.js("return window.classPageMark;"), "no reload");
        }
        teacher.wait.until(d -> Long.valueOf(1).equals(
                teacher.js("return document.querySelectorAll('#class-board [data-role=truth]').length;")));

        click(teacher, "class-next");
        for (Chromium s : students) {
            s.wait.until(d -> s.textOf("class-lesson").contains("lesson 2 of 2"));
            assertTrue(s.textOf("class-lesson").contains("One layer"), "the next lesson's title");
            assertEquals("kept", s.js("return window.classPageMark;"), "no reload");
            // its maths is typeset, though it came by the stream
            s.wait.until(d -> Boolean.TRUE.equals(s.js("return document.querySelector('#class-lesson .katex') !== null;")));
        }
        teacher.wait.until(d -> teacher.textOf("class-board").contains("Lesson 2 of 2"));

        click(teacher, "class-next");
        for (Chromium s : students) {
            s.wait.until(d -> s.textOf("class-lesson").contains("The class is over"));
            assertEquals("kept", s.js("return window.classPageMark;"));
        }
    }
}
