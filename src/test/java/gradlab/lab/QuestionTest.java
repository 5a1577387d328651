package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import gradlab.engine.Procedure;
import gradlab.view.LessonText;

/** A lesson's predict: list: each question's truth is the preset's own comparison, and a bad list is the file's error. */
class QuestionTest {
    @TempDir
    Path folder;

    private static String lesson(String predict) {
        return """
                ---
                id: guess
                title: Guess
                summary: predict first
                data: sine
                hidden: 8
                act: tanh
                loss: mse
                naive: mean-error,mean-input
                predict: %s
                ---

                Text $J$.
                """.formatted(predict);
    }

    private Lessons load(String predict) throws IOException {
        Files.writeString(folder.resolve("guess.md"), lesson(predict));
        return Lessons.load(false, folder, Limits.DEFAULT, LessonText::html);
    }

    @Test
    void eachQuestionHoldsItsPresetsValueAndItsSlider() throws IOException {
        Lessons lessons = load("mean-error.angleDegrees, mean-input.cosine, mean-error.sameSign, mean-input.layer1");
        assertEquals(List.of(), lessons.problems());
        Lesson l = lessons.find("guess").orElseThrow();
        List<Question> qs = l.questions();
        assertEquals(List.of("mean-error.angleDegrees", "mean-input.cosine", "mean-error.sameSign", "mean-input.layer1"),
                qs.stream().map(Question::name).toList());
        var me = l.comparison().metrics().get(Procedure.MEAN_ERROR);
        var mi = l.comparison().metrics().get(Procedure.MEAN_INPUT);
        assertEquals(me.angleDegrees(), qs.get(0).truth());
        assertEquals(mi.cosine(), qs.get(1).truth());
        assertEquals(me.sameSign(), qs.get(2).truth());
        assertEquals(mi.perLayerRelativeError()[0], qs.get(3).truth());
        assertEquals(List.of(0.0, 180.0), List.of(qs.get(0).min(), qs.get(0).max()));
        assertEquals(List.of(-1.0, 1.0), List.of(qs.get(1).min(), qs.get(1).max()));
        assertEquals(List.of(0.0, 1.0), List.of(qs.get(2).min(), qs.get(2).max()));
        assertEquals(List.of(0.0, 3.0), List.of(qs.get(3).min(), qs.get(3).max()));
        for (Question q : qs) {
            assertTrue(q.allows(q.truth()) && q.allows(q.min()) && q.allows(q.max()), q.name());
            assertTrue(!q.allows(q.max() + 1e-9) && !q.allows(Double.NaN) && !q.allows(q.min() - 1), q.name());
            assertTrue(q.words().contains(q.quantity().procedure().id()), q.words());
        }
    }

    @Test
    void aBadListIsTheFilesErrorAtItsLine() throws IOException {
        for (String bad : List.of("mean-error.angle", "cost", "train.mean-error.finalCost", "noise.bSimple",
                "mean-error.angleDegrees, mean-error.angleDegrees", "mean-of-means.cosine", "mean-error.layer3",
                "mean-error.cosine,", "train.per-example.mean-error.cosine")) {
            Lessons lessons = load(bad);
            assertEquals(1, lessons.problems().size(), bad);
            Lessons.Problem p = lessons.problems().get(0);
            assertEquals(10, p.line(), bad + ": " + p);
            assertTrue(lessons.find("guess").isEmpty(), bad);
        }
    }

    @Test
    void aValueOffItsSliderIsTheFilesError() throws IOException {
        // the linear model's mean-error gradient is the correct one scaled: its norm ratio may exceed 3
        Lessons lessons = load("mean-input.normRatio");
        Lesson l = lessons.find("guess").orElse(null);
        if (l != null) {
            double v = l.questions().get(0).truth();
            assertTrue(v >= 0 && v <= 3, "a loaded question's truth lies on its slider: " + v);
        } else {
            assertTrue(lessons.problems().get(0).message().contains("off its slider"), lessons.problems().toString());
        }
    }
}
