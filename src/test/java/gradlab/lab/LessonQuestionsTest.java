package gradlab.lab;

import static gradlab.lab.LessonLab.EXACT;
import static gradlab.lab.LessonLab.grad;
import static gradlab.lab.LessonLab.lesson;
import static gradlab.lab.LessonLab.metrics;
import static gradlab.lab.LessonLab.rel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import gradlab.engine.Metrics;
import gradlab.engine.Parameters;
import gradlab.engine.Procedure;

/**
 * Every built-in lesson asks for a prediction before it shows its lab, at the place its file
 * marks, and its text after the question explains the answer, quoting the true value by
 * placeholder. What those sentences say about the value (exact, near 1, nearly at right angles…)
 * is checked on the preset here.
 */
class LessonQuestionsTest {
    /** The questions each built-in lesson asks. */
    private static final Map<String, List<String>> ASKED = Map.ofEntries(
            Map.entry("intro", List.of("mean-error.angleDegrees")),
            Map.entry("f1-covariance", List.of("mean-error.relativeError")),
            Map.entry("f2-linear-regression", List.of("mean-input.angleDegrees", "mean-error.angleDegrees")),
            Map.entry("f3-linear-cost", List.of("mean-input.cosine")),
            Map.entry("f4-batch-of-one", List.of("mean-error.relativeError")),
            Map.entry("f5-nonlinear", List.of("mean-error.layer1")),
            Map.entry("f6-level-sets", List.of("mean-error.sameSign")),
            Map.entry("f7-accumulation", List.of("mean-of-means.relativeError")),
            Map.entry("f8-where-training-stops", List.of("mean-error.angleDegrees")),
            Map.entry("noise-scale", List.of("mean-error.angleDegrees")),
            Map.entry("free-play", List.of("mean-error.relativeError")));

    static Stream<String> lessons() {
        return LessonLab.BUILT_IN.all().stream().map(Lesson::id);
    }

    @Test
    void everyBuiltInLessonIsHere() {
        assertEquals(ASKED.keySet(), java.util.Set.copyOf(lessons().toList()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lessons")
    void itAsksAtItsMarkerAndExplainsTheAnswerAfterIt(String id) {
        Lesson l = lesson(id);
        assertEquals(ASKED.get(id), l.questions().stream().map(Question::name).toList(), "the questions");
        List<String> lines = List.of(l.body().split("\n", -1));
        assertEquals(1, lines.stream().filter(LessonParts::isMarker).count(), "one {{predict}} line");
        int marker = lines.indexOf(LessonParts.MARKER);
        assertTrue(marker > 0 && lines.get(marker - 1).isBlank() && lines.get(marker + 1).isBlank(),
                "the marker is a paragraph of its own");
        String before = String.join("\n", lines.subList(0, marker));
        String after = String.join("\n", lines.subList(marker + 1, lines.size()));
        assertTrue(before.toLowerCase(java.util.Locale.ROOT).contains("the lab below"), "the opening says what the lab is");
        // the sections a lesson ends with, and their lab, come after the question
        assertTrue(after.contains("\n## Try this\n") && after.contains("\n## What to look for\n"), after);
        assertFalse(l.htmlAfter().isBlank());
        // right after the question, a paragraph gives the answer, by placeholder
        String answer = after.strip().split("\n\n", 2)[0].strip();
        if (answer.startsWith("## ")) {
            answer = after.strip().split("\n\n", 3)[1];
        }
        for (Question q : l.questions()) {
            assertTrue(answer.contains("{{" + q.name() + "}}"), id + " answers " + q.name() + " right after asking: "
                    + answer);
            assertTrue(q.allows(q.truth()), q + " lies on its slider");
        }
        // the text before quotes none of the asked procedures' numbers (the loader refuses that too)
        Matcher m = LessonFigures.PLACEHOLDER.matcher(before);
        while (m.find()) {
            Quantity quoted = Quantity.parse(m.group(1).strip());
            assertTrue(l.questions().stream().noneMatch(q -> q.quantity().procedure() == quoted.procedure()),
                    id + " quotes " + quoted + " before asking");
        }
    }

    // ------------------------------------------------------------------ what the answers say

    private static Metrics of(String id, Procedure p) {
        return metrics(lesson(id).comparison(), p);
    }

    @Test
    void introMeanErrorIsFarFromRounding() {
        assertTrue(of("intro", Procedure.MEAN_ERROR).angleDegrees() > 10);
    }

    @Test
    void f1TheRelativeErrorIsTheCovariancesSizeOverTheGradientsLength() {
        Comparison c = lesson("f1-covariance").comparison();
        Parameters correct = grad(c, Procedure.PER_EXAMPLE);
        Parameters naive = grad(c, Procedure.MEAN_ERROR);
        double cov = correct.w(1).get(0, 0) - naive.w(1).get(0, 0);
        double length = Math.hypot(correct.w(1).get(0, 0), correct.b(1).get(0, 0));
        assertEquals(Math.abs(cov) / length, metrics(c, Procedure.MEAN_ERROR).relativeError(), EXACT);
    }

    @Test
    void f2BothShortcutsMakeTheSameAngle() {
        assertEquals(of("f2-linear-regression", Procedure.MEAN_INPUT).angleDegrees(),
                of("f2-linear-regression", Procedure.MEAN_ERROR).angleDegrees(), 1e-9);
        assertTrue(of("f2-linear-regression", Procedure.MEAN_ERROR).angleDegrees() > 10);
    }

    @Test
    void f3BothShortcutsAreExactlyRight() {
        for (Procedure p : List.of(Procedure.MEAN_INPUT, Procedure.MEAN_ERROR)) {
            assertEquals(1.0, of("f3-linear-cost", p).cosine(), EXACT, p.id());
        }
    }

    @Test
    void f4EveryShortcutIsExactlyRight() {
        for (Procedure p : List.of(Procedure.MEAN_INPUT, Procedure.MEAN_ERROR)) {
            assertTrue(of("f4-batch-of-one", p).relativeError() <= EXACT, p.id());
        }
    }

    @Test
    void f5EveryLayerOfMeanErrorIsNearOne() {
        for (double e : of("f5-nonlinear", Procedure.MEAN_ERROR).perLayerRelativeError()) {
            assertTrue(e > 0.9 && e < 1.1, "near 1: " + e);
        }
    }

    @Test
    void f6EverySignAgreesAndTheDirectionIsStillOff() {
        Metrics m = of("f6-level-sets", Procedure.MEAN_ERROR);
        assertEquals(1.0, m.sameSign());
        assertTrue(m.angleDegrees() > 10, "off: " + m.angleDegrees());
    }

    @Test
    void f7OnlyTheWeightsDiffer() {
        assertTrue(of("f7-accumulation", Procedure.MEAN_OF_MEANS).relativeError() > 0.05);
        assertTrue(of("f7-accumulation", Procedure.ACCUMULATE).relativeError() <= EXACT);
    }

    @Test
    void f8BothShortcutsPointNearlyTheRightWayAtTheStart() {
        for (Procedure p : List.of(Procedure.MEAN_INPUT, Procedure.MEAN_ERROR)) {
            assertTrue(of("f8-where-training-stops", p).angleDegrees() < 10, p.id());
        }
    }

    @Test
    void noiseScaleMeanErrorIsNearlyAtRightAngles() {
        double angle = of("noise-scale", Procedure.MEAN_ERROR).angleDegrees();
        assertTrue(angle > 80 && angle < 100, "nearly at right angles: " + angle);
    }

    @Test
    void freePlayMeanErrorGetsTheInterceptRightAndTheSlopeWrong() {
        Comparison c = lesson("free-play").comparison();
        Parameters correct = grad(c, Procedure.PER_EXAMPLE);
        Parameters naive = grad(c, Procedure.MEAN_ERROR);
        assertTrue(rel(naive.b(1), correct.b(1)) <= EXACT, "the intercept");
        assertTrue(rel(naive.w(1), correct.w(1)) > 0.1, "the slope");
    }
}
