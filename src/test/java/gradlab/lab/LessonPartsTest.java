package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import gradlab.view.LessonText;

/**
 * Where a lesson's questions go ({{predict}}, or before the first section after the opening
 * text), the text cut there, and a marker that cannot be right reported with its file and line.
 */
class LessonPartsTest {
    @TempDir
    Path folder;

    /** A lesson file whose body starts on line 11 (the front matter closes on line 10). */
    private static String lesson(String predict, String body) {
        return """
                ---
                id: guess
                title: Guess
                summary: predict first
                data: sine
                hidden: 8
                act: tanh
                loss: mse
                %s
                ---
                """.formatted(predict.isEmpty() ? "# no questions" : "predict: " + predict) + body;
    }

    private Lessons load(String predict, String body) throws IOException {
        Files.writeString(folder.resolve("guess.md"), lesson(predict, body));
        return Lessons.load(false, folder, Limits.DEFAULT, LessonText::html);
    }

    private Lessons.Problem problem(String predict, String body) throws IOException {
        Lessons lessons = load(predict, body);
        assertTrue(lessons.find("guess").isEmpty(), "the file is skipped");
        assertEquals(1, lessons.problems().size(), lessons.problems().toString());
        Lessons.Problem p = lessons.problems().get(0);
        assertEquals("guess.md", p.file());
        assertTrue(p.toString().startsWith("guess.md:" + p.line() + ": "), p.toString());
        return p;
    }

    @Test
    void theMarkerCutsTheTextAndIsNeitherPartNorAFigure() throws IOException {
        Lessons lessons = load("mean-error.angleDegrees", """
                Opening $J$.

                ## Before

                Still before.

                {{predict}}

                After: {{mean-error.angleDegrees}}.

                ## Try this

                Try.
                """);
        assertEquals(List.of(), lessons.problems());
        Lesson l = lessons.find("guess").orElseThrow();
        assertTrue(l.html().contains("Still before.") && l.html().contains("<h2>Before</h2>"), l.html());
        assertFalse(l.html().contains("After") || l.html().contains("Try"), "nothing after the marker: " + l.html());
        assertTrue(l.htmlAfter().startsWith("<p>After: "), l.htmlAfter());
        assertTrue(l.htmlAfter().contains("<h2>Try this</h2>"), l.htmlAfter());
        assertFalse((l.html() + l.htmlAfter()).contains("predict"), "the marker itself is not shown");
        assertEquals(1, l.figures().values().size(), "the marker is no figure: " + l.figures().values());
    }

    @Test
    void withoutTheMarkerTheQuestionsGoBeforeTheFirstSectionAfterTheOpeningText() throws IOException {
        Lesson l = load("mean-error.angleDegrees", """
                ## An opening heading does not count

                Opening $J$, in two paragraphs.

                The second.

                ```
                ## not a heading: code
                ```

                ## The idea

                Explained, {{mean-error.angleDegrees}}.
                """).find("guess").orElseThrow();
        assertTrue(l.html().contains("The second.") && l.html().contains("not a heading: code"), l.html());
        assertFalse(l.html().contains("The idea"), l.html());
        assertTrue(l.htmlAfter().startsWith("<h2>The idea</h2>"), l.htmlAfter());

        // no section follows the opening: the questions come after the whole text
        LessonParts parts = LessonParts.of("Only text.\n\nMore text.", 11, true);
        assertEquals("Only text.\n\nMore text.", parts.before());
        assertEquals("", parts.after());
    }

    @Test
    void aLessonThatAsksNothingIsOnePart() throws IOException {
        Lesson l = load("", "Text $J$.\n\n## Section\n\nMore.\n").find("guess").orElseThrow();
        assertTrue(l.questions().isEmpty());
        assertTrue(l.html().contains("<h2>Section</h2>"), l.html());
        assertEquals("", l.htmlAfter());
    }

    @Test
    void aSecondMarkerIsTheFilesErrorAtItsLine() throws IOException {
        Lessons.Problem p = problem("mean-error.angleDegrees", "Text $J$.\n\n{{predict}}\n\nMore.\n\n{{ predict }}\n\nEnd.\n");
        assertEquals(17, p.line(), p.toString());
        assertTrue(p.message().contains("twice") && p.message().contains("line 13"), p.message());
    }

    @Test
    void aMarkerWithoutAPredictListIsTheFilesErrorAtItsLine() throws IOException {
        Lessons.Problem p = problem("", "Text $J$.\n\n{{predict}}\n\nMore.\n");
        assertEquals(13, p.line(), p.toString());
        assertTrue(p.message().contains("predict:"), p.message());
    }

    @Test
    void aMarkerInsideALineIsTheFilesErrorAtItsLine() throws IOException {
        Lessons.Problem p = problem("mean-error.angleDegrees", "Text $J$.\n\nGuess here {{predict}} please.\n");
        assertEquals(13, p.line(), p.toString());
        assertTrue(p.message().contains("alone on its line"), p.message());
    }

    @Test
    void quotingAnAskedProceduresNumberBeforeTheQuestionsIsTheFilesError() throws IOException {
        // the cosine gives the angle away
        Lessons.Problem p = problem("mean-error.angleDegrees",
                "Text $J$.\n\nIts cosine is {{mean-error.cosine}}.\n\n{{predict}}\n\nAfter.\n");
        assertEquals(13, p.line(), p.toString());
        assertTrue(p.message().contains("gives the answer away"), p.message());

        // another procedure's numbers, the cost, and the same numbers after the questions are fine
        Lessons lessons = load("mean-error.angleDegrees",
                "Text $J$ = {{cost}}, {{mean-input.cosine}}.\n\n{{predict}}\n\n{{mean-error.cosine}}.\n");
        assertEquals(List.of(), lessons.problems());
    }
}
