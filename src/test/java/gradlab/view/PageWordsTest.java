package gradlab.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import gradlab.engine.Procedure;
import gradlab.engine.Trainer;
import gradlab.lab.Comparison;
import gradlab.lab.LabSpec;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;
import gradlab.lab.TrainingRun;
import gradlab.lab.Uploads;

/** The page's sentences in their edge cases: one of a thing, a vector of almost no length, a shortcut that ends lower. */
class PageWordsTest {
    /** "1 examples", "1 steps"…: a count of one with a plural noun. */
    private static final Pattern ONE_PLURAL = Pattern.compile(
            "(?<![0-9.,])1 (examples|steps|parameters|rows|inputs|targets|runs|layers|seconds)\\b");

    private static LabSpec spec(String q) {
        return LabSpec.parse(q, Limits.DEFAULT, Uploads.NONE);
    }

    private static void noOnePlural(String html) {
        Matcher m = ONE_PLURAL.matcher(html);
        assertFalse(m.find(), () -> "\"" + m.group() + "\" in …" + html.substring(Math.max(0, m.start() - 80),
                Math.min(html.length(), m.end() + 40)));
    }

    @Test
    void countsOfOneTakeTheSingular() {
        assertEquals("1 example", Format.count(1, "example"));
        assertEquals("2 examples", Format.count(2, "example"));
        assertEquals("0 steps", Format.count(0, "step"));

        LabSpec one = spec("data=line&batch=1&steps=1");
        Comparison c = Comparison.compute(one, Limits.DEFAULT, Uploads.NONE);
        String panel = ComparisonView.panel(c, LabLinks.of(one)).render();
        noOnePlural(panel);
        assertTrue(panel.contains("On the first minibatch of 1 example,"), panel);

        String running = TrainingView.running(one, List.of(Procedure.PER_EXAMPLE)).render();
        noOnePlural(running);
        assertTrue(running.contains("1 step of SGD") && running.contains("minibatches of 1 example."), running);

        Map<Procedure, Trainer.CopySummary> copies = new LinkedHashMap<>();
        copies.put(Procedure.PER_EXAMPLE, new Trainer.CopySummary(0.5, -1));
        for (Trainer.End end : Trainer.End.values()) {
            String summary = TrainingView.summary(new Trainer.Summary(1, end, copies)).render();
            noOnePlural(summary);
            assertTrue(summary.contains("1 step:"), summary);
        }
    }

    @Test
    void aShortGradientIsNeverCalledAHundredPercentShorter() {
        for (double ratio = 1e-12; ratio < 0.9; ratio *= 1.01) {
            String words = ComparisonView.lengthWords(ratio);
            assertFalse(words.contains("100 %"), ratio + ": " + words);
            assertFalse(words.matches(".*(?<![0-9.])0(\\.0)? %.*"), ratio + " is not 0 %: " + words);
            if (ratio < 0.001) {
                assertTrue(words.contains("almost zero"), ratio + ": " + words);
            } else if (ratio < 0.5) {
                // the share shown is the ratio, as the percentage formats it
                assertTrue(words.contains(Format.percent(ratio) + " of the true gradient's length"), ratio + ": " + words);
            } else {
                assertTrue(words.contains(Format.percent(1 - ratio) + " shorter"), ratio + ": " + words);
            }
        }
    }

    @Test
    void aShortcutThatEndsBelowTheCorrectCopyIsExplainedNotPraised() {
        Map<Procedure, Trainer.CopySummary> copies = new LinkedHashMap<>();
        copies.put(Procedure.PER_EXAMPLE, new Trainer.CopySummary(0.21, -1));
        copies.put(Procedure.MEAN_INPUT, new Trainer.CopySummary(0.30, -1));
        copies.put(Procedure.MEAN_ERROR, new Trainer.CopySummary(0.18, -1));
        String lower = TrainingView.summary(new Trainer.Summary(200, Trainer.End.COMPLETED, copies)).render();
        assertTrue(lower.contains("mean-error ended below the correct copy on this run"), lower);
        assertTrue(lower.contains("does not make its gradient right"), lower);
        assertFalse(lower.contains("mean-input ended below"), lower);

        copies.put(Procedure.MEAN_ERROR, new Trainer.CopySummary(0.40, -1));
        String higher = TrainingView.summary(new Trainer.Summary(200, Trainer.End.COMPLETED, copies)).render();
        assertFalse(higher.contains("ended below"), higher);
    }

    @Test
    void theBatchOfOneLessonWithABatchOfTwoSaysWhyAShortcutEndedLower() {
        Lessons lessons = Lessons.load(true, null, Limits.DEFAULT, LessonText::html);
        String preset = lessons.find("f4-batch-of-one").orElseThrow().preset();
        LabSpec spec = spec(preset.replaceAll("(^|&)batch=[0-9]+", "$1batch=2"));
        assertEquals(2, spec.batch(), "the lesson's \"Try this\": " + preset);
        Trainer.Summary s = TrainingRun.trainer(spec, Limits.DEFAULT, Uploads.NONE).run(r -> { }, () -> false);
        double correct = s.copies().get(Procedure.PER_EXAMPLE).finalCost();
        List<String> lower = s.copies().entrySet().stream()
                .filter(e -> e.getKey().isNaive() && e.getValue().finalCost() < 0.99 * correct)
                .map(e -> e.getKey().id()).toList();
        assertEquals(List.of("mean-input", "mean-error"), lower,
                "as the lesson says, both shortcuts' copies end below the correct one on this run: " + s);
        String html = TrainingView.summary(s).render();
        assertTrue(html.contains(Coinciding.words(lower) + " ended below the correct copy on this run"), html);
    }
}
