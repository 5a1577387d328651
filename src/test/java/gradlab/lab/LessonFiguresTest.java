package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import gradlab.engine.Metrics;
import gradlab.engine.Procedure;
import gradlab.engine.Trainer;
import gradlab.view.LessonText;

/** Placeholders in lesson texts: each resolves on its preset, and a name the preset cannot fill is a file error. */
class LessonFiguresTest {
    /** Lines 1–8 front matter (line 8 closes it), line 9 blank, the placeholder on line 10. */
    private static final String LESSON = """
            ---
            id: mine
            title: Mine
            summary: mine
            data: line
            naive: mean-error
            steps: 20
            ---

            The shortcut is %s off.
            """;

    @TempDir
    Path folder;

    private Lessons load(String placeholder) throws IOException {
        Files.writeString(folder.resolve("mine.md"), LESSON.formatted(placeholder));
        return Lessons.load(false, folder, Limits.DEFAULT, LessonText::html);
    }

    private void refusedAtLine10(String placeholder, String why) throws IOException {
        Lessons lessons = load(placeholder);
        assertEquals(List.of(), lessons.all(), placeholder + " is refused");
        assertEquals(1, lessons.problems().size());
        Lessons.Problem p = lessons.problems().get(0);
        assertEquals("mine.md", p.file());
        assertEquals(10, p.line(), p.toString());
        assertTrue(p.message().contains(why), p.toString());
    }

    @Test
    void everyPlaceholderOfEveryBuiltInLessonResolvesOnItsPreset() {
        Lessons lessons = Lessons.load(true, null, Limits.DEFAULT, LessonText::html);
        assertEquals(List.of(), lessons.problems());
        int placeholders = 0;
        for (Lesson l : lessons.all()) {
            Matcher m = LessonFigures.PLACEHOLDER.matcher(l.body());
            while (m.find()) {
                if (m.group().equals(LessonParts.MARKER)) {
                    // where the questions go, not a number
                    continue;
                }
                Quantity q = Quantity.parse(m.group(1));
                assertTrue(Double.isFinite(l.figures().value(q)), l.id() + ": " + q);
                placeholders++;
            }
            assertFalse(l.body().replaceAll(LessonFigures.PLACEHOLDER.pattern(), "").contains("{{"), l.id());
        }
        assertTrue(placeholders > 60, "the lessons quote their figures by name: " + placeholders);
    }

    @Test
    void aValueIsTheComparisonsOrTheTrainingRunsOwnNumber() throws IOException {
        Lesson l = load("{{mean-error.angleDegrees}}, {{cost}}, {{mean-error.layer1}} and {{train.per-example.finalCost}}")
                .find("mine").orElseThrow();
        Comparison c = Comparison.compute(l.spec(), Limits.DEFAULT, Uploads.NONE);
        LessonFigures f = l.figures();
        assertEquals(c.metrics().get(Procedure.MEAN_ERROR).angleDegrees(), f.value(Quantity.parse("mean-error.angleDegrees")));
        assertEquals(c.metrics().get(Procedure.MEAN_ERROR).perLayerRelativeError()[0],
                f.value(Quantity.parse("mean-error.layer1")));
        assertEquals(c.cost(), f.value(Quantity.parse("cost")));
        Trainer.Summary run = TrainingRun.trainer(l.spec(), Limits.DEFAULT, Uploads.NONE).run(r -> { }, () -> false);
        assertEquals(run.copies().get(Procedure.PER_EXAMPLE).finalCost(),
                f.value(Quantity.parse("train.per-example.finalCost")));
    }

    @Test
    void aValueAtACopysLastStepIsTheComparisonAtThatStepAlongThatCopy() throws IOException {
        Lesson l = load("{{train.mean-error.mean-error.normRatio}}, {{train.per-example.mean-error.layer1}} and "
                + "{{mean-error.normRatio}}").find("mine").orElseThrow();
        Comparison atTheEnd = Comparison.compute(LabSpec.parse(l.preset() + "&at=20&along=mean-error", Limits.DEFAULT,
                Uploads.NONE), Limits.DEFAULT, Uploads.NONE);
        Comparison correctsEnd = Comparison.compute(LabSpec.parse(l.preset() + "&at=20", Limits.DEFAULT,
                Uploads.NONE), Limits.DEFAULT, Uploads.NONE);
        LessonFigures f = l.figures();
        assertEquals(atTheEnd.metrics().get(Procedure.MEAN_ERROR).normRatio(),
                f.value(Quantity.parse("train.mean-error.mean-error.normRatio")));
        assertEquals(correctsEnd.metrics().get(Procedure.MEAN_ERROR).perLayerRelativeError()[0],
                f.value(Quantity.parse("train.per-example.mean-error.layer1")));
        // three different numbers: θ0, and the two copies' θ after 20 steps
        double atTheta0 = f.value(Quantity.parse("mean-error.normRatio"));
        assertTrue(atTheta0 != f.value(Quantity.parse("train.mean-error.mean-error.normRatio")));
        assertTrue(correctsEnd.theta().get(0) != atTheEnd.theta().get(0));
    }

    @Test
    void aCopyThePresetDoesNotTrainOrThatDivergedHasNoLastStepToQuote() throws IOException {
        refusedAtLine10("{{train.mean-input.mean-error.cosine}}", "does not train a mean-input copy");
        refusedAtLine10("{{train.accumulate.mean-error.cosine}}", "does not train a accumulate copy");
        refusedAtLine10("{{train.mean-error.cost}}", "unknown quantity");
        refusedAtLine10("{{train.mean-error.noise.bSimple}}", "unknown quantity");
        refusedAtLine10("{{train.mean-error.mean-input.cosine}}", "measures no mean-input");
        Files.writeString(folder.resolve("mine.md"), LESSON.formatted("{{train.mean-error.mean-error.cosine}}")
                .replace("steps: 20", "steps: 20\nlr: 1000"));
        Lessons lessons = Lessons.load(false, folder, Limits.DEFAULT, LessonText::html);
        assertEquals(List.of(), lessons.all());
        assertTrue(lessons.problems().get(0).message().contains("mean-error diverged at step"),
                lessons.problems().toString());
    }

    @Test
    void namesReadBackAsWritten() {
        for (String name : List.of("cost", "mean-error.cosine", "mean-input.angleDegrees", "batched.relativeError",
                "mean-of-means.normRatio", "accumulate.sameSign", "mean-error.layer6", "train.mean-error.finalCost",
                "train.per-example.mean-input.normRatio", "train.mean-of-means.accumulate.layer3")) {
            assertEquals(name, Quantity.parse(name).name());
        }
    }

    @Test
    void anUnknownNameIsAFileErrorAtItsLine() throws IOException {
        refusedAtLine10("{{mean-error.angle}}", "unknown quantity \"mean-error.angle\"");
        refusedAtLine10("{{costs}}", "unknown quantity");
        refusedAtLine10("{{train.per-example.cost}}", "unknown quantity");
    }

    @Test
    void anUnknownProcedureIsAFileErrorAtItsLine() throws IOException {
        refusedAtLine10("{{mean-output.cosine}}", "the procedure \"mean-output\", which does not exist");
    }

    @Test
    void aProcedureThePresetDoesNotCompareOrTrainIsAFileError() throws IOException {
        refusedAtLine10("{{mean-input.cosine}}", "measures no mean-input");
        refusedAtLine10("{{mean-of-means.relativeError}}", "measures no mean-of-means");
        refusedAtLine10("{{train.mean-input.finalCost}}", "does not train a mean-input copy");
    }

    @Test
    void aLayerBeyondTheNetworkIsAFileError() throws IOException {
        refusedAtLine10("{{mean-error.layer2}}", "the preset's network has 1 layer");
        refusedAtLine10("{{mean-error.layer7}}", "unknown quantity");
    }

    @Test
    void aValueThatIsNullInTheJsonHasNoValue() {
        // a naive gradient of zero: cosine and angle undefined; a correct gradient of zero: relative error infinite
        Metrics undefined = new Metrics(Double.NaN, Double.NaN, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
                0.5, new double[] {Double.POSITIVE_INFINITY});
        Comparison c = new Comparison(null, null, null, null, 1.0, false, Map.of(),
                Map.of(Procedure.MEAN_ERROR, undefined), null);
        for (String name : List.of("mean-error.cosine", "mean-error.angleDegrees", "mean-error.relativeError",
                "mean-error.normRatio", "mean-error.layer1")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Quantity.parse(name).value(c, null));
            assertTrue(e.getMessage().startsWith(name + " has no value for this preset"), e.getMessage());
        }
        assertEquals(0.5, Quantity.parse("mean-error.sameSign").value(c, null));
        assertEquals(1.0, Quantity.parse("cost").value(c, null));
    }

    @Test
    void anUnclosedPlaceholderIsAFileError() throws IOException {
        refusedAtLine10("{{mean-error.cosine", "closes with \"}}\"");
    }
}
