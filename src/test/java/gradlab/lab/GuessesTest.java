package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import gradlab.view.LessonText;

/** A student's guesses as a prediction form sends them: read in one place, each bad field refused by name. */
class GuessesTest {
    @TempDir
    Path folder;

    private Lesson two;
    private Lesson none;

    @BeforeEach
    void load() throws IOException {
        Files.writeString(folder.resolve("two.md"), """
                ---
                id: two
                title: Two questions
                summary: predict twice
                data: sine
                hidden: 8
                loss: mse
                predict: mean-error.angleDegrees, mean-input.cosine
                ---

                Text $J$.
                """);
        Files.writeString(folder.resolve("none.md"), """
                ---
                id: none
                title: No question
                summary: predict nothing
                ---

                Text $J$.
                """);
        Lessons lessons = Lessons.load(false, folder, Limits.DEFAULT, LessonText::html);
        assertEquals(List.of(), lessons.problems());
        two = lessons.find("two").orElseThrow();
        none = lessons.find("none").orElseThrow();
    }

    private static ValidationException refused(Lesson lesson, String query) {
        return assertThrows(ValidationException.class, () -> Guesses.read(lesson, query), query);
    }

    @Test
    void pairsAreReadInTheLessonsOrderWhateverTheirOrder() {
        Question angle = two.questions().get(0);
        Question cosine = two.questions().get(1);
        Map<Question, Double> g = Guesses.read(two, "question=mean-input.cosine&value=-0.25"
                + "&question=mean-error.angleDegrees&value=45");
        assertEquals(List.of(angle, cosine), List.copyOf(g.keySet()));
        assertEquals(45.0, g.get(angle));
        assertEquals(-0.25, g.get(cosine));
        // the ends of a slider are on it; a form's encoding is read
        assertEquals(Map.of(angle, 180.0), Guesses.read(two, "question=mean-error.angleDegrees&value=180"));
        assertEquals(Map.of(cosine, -1.0), Guesses.read(two, "question=mean-input.cosine&value=%2D1"));
    }

    @Test
    void noFieldIsASkip() {
        assertEquals(Map.of(), Guesses.read(two, ""));
        assertEquals(Map.of(), Guesses.read(two, (String) null));
        assertEquals(Map.of(), Guesses.read(none, ""));
    }

    @Test
    void aValueOffItsSliderOrNotAPlainNumberIsRefusedOnValueWithItsRange() {
        for (String v : List.of("181", "-1", "-0.0001", "NaN", "Infinity", "1e309", "0x10", "45d", " 45", "", "45,5")) {
            ValidationException e = refused(two, "question=mean-error.angleDegrees&value=" + v.replace(" ", "%20"));
            assertEquals(Question.VALUE, e.param(), v);
            assertTrue(e.getMessage().contains("from 0 to 180") && e.getMessage().contains("mean-error.angleDegrees"),
                    e.getMessage());
        }
        ValidationException e = refused(two, "question=mean-input.cosine&value=1.01");
        assertTrue(e.getMessage().contains("from -1 to 1"), e.getMessage());
    }

    @Test
    void anUnknownOrRepeatedQuestionIsRefusedOnQuestionWithTheLessonsQuestions() {
        for (String q : List.of("mean-error.cosine", "cost", "nonsense", "", "mean-error.angleDegrees%00")) {
            ValidationException e = refused(two, "question=" + q + "&value=1");
            assertEquals(Question.FIELD, e.param(), q);
            assertTrue(e.getMessage().contains("mean-error.angleDegrees, mean-input.cosine"), e.getMessage());
        }
        ValidationException twice = refused(two, "question=mean-input.cosine&value=0&question=mean-input.cosine&value=1");
        assertEquals(Question.FIELD, twice.param());
        assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
        ValidationException nothingAsked = refused(none, "question=mean-error.angleDegrees&value=1");
        assertEquals(Question.FIELD, nothingAsked.param());
        assertTrue(nothingAsked.getMessage().contains("asks no question"), nothingAsked.getMessage());
    }

    @Test
    void unpairedOrUnknownFieldsAreRefusedByName() {
        assertEquals(Question.VALUE, refused(two, "question=mean-error.angleDegrees").param());
        assertEquals(Question.FIELD, refused(two, "value=3").param());
        assertEquals(Question.FIELD, refused(two, "question=mean-error.angleDegrees&value=3&value=4").param());
        ValidationException unknown = refused(two, "question=mean-error.angleDegrees&value=3&seed=2");
        assertEquals("seed", unknown.param());
        assertTrue(unknown.getMessage().contains("question and value"), unknown.getMessage());
        assertEquals(Question.VALUE, refused(two, "question=mean-error.angleDegrees&value=%zz").param());
        assertEquals("query", refused(two, "%zz=1").param());
    }

    @Test
    void aFormsDecodedFieldsAreReadAlike() {
        Map<Question, Double> g = Guesses.read(two, Map.of(Question.FIELD, List.of("mean-input.cosine"),
                Question.VALUE, List.of("0.5")));
        assertEquals(Map.of(two.questions().get(1), 0.5), g);
        assertEquals(Question.VALUE, assertThrows(ValidationException.class, () -> Guesses.read(two,
                Map.of(Question.FIELD, List.of("mean-input.cosine"), Question.VALUE, List.of("2")))).param());
    }
}
