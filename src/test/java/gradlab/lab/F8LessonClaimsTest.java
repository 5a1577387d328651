package gradlab.lab;

import static gradlab.lab.LessonLab.figure;
import static gradlab.lab.LessonLab.lesson;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import gradlab.data.DataSet;
import gradlab.engine.Loss;
import gradlab.engine.Metrics;
import gradlab.engine.Procedure;
import gradlab.engine.Trainer;

/**
 * F8, where naive training comes to rest, checked on its lesson's preset with comparisons at
 * the copies' last steps ({@code at=steps&along=…}): the factors of 10 DESIGN asks for, and
 * what the text says about where each copy stops.
 */
class F8LessonClaimsTest {
    private static final String ID = "f8-where-training-stops";

    /** The lesson's preset, with the student's changes, compared at step k of a copy. */
    private static Comparison at(int k, Procedure copy, String... changes) {
        String[] all = java.util.Arrays.copyOf(changes, changes.length + 2);
        all[changes.length] = "at=" + k;
        all[changes.length + 1] = "along=" + copy.id();
        return Comparison.compute(LessonLab.spec(ID, all), Limits.DEFAULT, Uploads.NONE);
    }

    private static int steps() {
        return lesson(ID).spec().steps();
    }

    private static double norm(Comparison c, Procedure p) {
        return Metrics.norm(c.gradients().get(p).flat());
    }

    /** The network's outputs for every example at the comparison's θ, as one column. */
    private static double[] outputs(Comparison c, DMatrixRMaj x) {
        return c.model().predict(c.theta(), x).data;
    }

    private static DataSet data() {
        return LabData.load(lesson(ID).spec(), Uploads.NONE);
    }

    private static double mean(double[] v) {
        return LessonLab.mean(v);
    }

    @Test
    void thePresetIsAFullBatchWithASmoothLossThatHasAMinimumWithinTheStepLimit() {
        LabSpec s = lesson(ID).spec();
        assertEquals(s.n(), s.batch(), "a full batch");
        assertEquals(List.of(), s.micro());
        assertTrue(List.of(Loss.MSE, Loss.HUBER, Loss.BCE, Loss.CE).contains(s.loss()), s.loss().id());
        assertEquals(LabSpec.NAIVE, s.naive(), "both shortcuts are trained");
        assertTrue(s.steps() <= Limits.DEFAULT.maxSteps());
        assertEquals(1, data().targets());
    }

    @Test
    void atTheEndOfTheMeanErrorCopysRunTheTrueGradientIsTenTimesItsOwnAndItsMeanOutputIsTheMeanTarget() {
        Comparison end = at(steps(), Procedure.MEAN_ERROR);
        assertEquals(data().size(), end.batch().size(), "the true gradient is over all the data");
        double trueNorm = norm(end, Procedure.PER_EXAMPLE);
        double own = norm(end, Procedure.MEAN_ERROR);
        assertTrue(trueNorm >= 10 * own, "‖∇J‖ = " + trueNorm + ", ‖g_mean-error‖ = " + own);
        assertTrue(trueNorm > 0.01, "the true gradient is far from zero: " + trueNorm);
        // its resting surface: the mean output error is zero, the mean output is the mean target
        DataSet d = data();
        double gap = mean(outputs(end, d.x())) - mean(d.y().data);
        assertTrue(Math.abs(gap) <= 1e-12, "mean ŷ − ȳ = " + gap);
        assertEquals(end.metrics().get(Procedure.MEAN_ERROR).normRatio(),
                figure(ID, "train.mean-error.mean-error.normRatio"), 0.0);
        assertEquals(end.metrics().get(Procedure.MEAN_ERROR).relativeError(),
                figure(ID, "train.mean-error.mean-error.relativeError"), 0.0);
        assertEquals(1, end.metrics().get(Procedure.MEAN_ERROR).relativeError(), 1e-9, "relative error 1");
    }

    @Test
    void atTheEndOfTheCorrectCopysRunMeanInputsGradientIsTenTimesTheTrueOne() {
        Comparison end = at(steps(), Procedure.PER_EXAMPLE);
        double trueNorm = norm(end, Procedure.PER_EXAMPLE);
        double meanInput = norm(end, Procedure.MEAN_INPUT);
        assertTrue(meanInput >= 10 * trueNorm, "‖g_mean-input‖ = " + meanInput + ", ‖∇J‖ = " + trueNorm);
        // ‖∇J‖ ≈ 0: small beside where it started
        double atTheta0 = norm(at(0, Procedure.PER_EXAMPLE), Procedure.PER_EXAMPLE);
        assertTrue(trueNorm <= 1e-2 * atTheta0, "‖∇J‖ = " + trueNorm + " against " + atTheta0 + " at θ0");
        // the output bias: the mean output is the mean target to within ‖∇J‖, the output at the mean input is not
        DataSet d = data();
        double meanTarget = mean(d.y().data);
        double meanOutput = mean(outputs(end, d.x()));
        double atMeanInput = outputs(end, new DMatrixRMaj(1, 1, true, mean(d.x().data)))[0];
        assertTrue(2 * Math.abs(meanOutput - meanTarget) <= trueNorm, "∂J/∂b² = 2(mean ŷ − ȳ) is a part of ∇J");
        assertTrue(Math.abs(atMeanInput - meanTarget) >= 0.1, "f(x̄) = " + atMeanInput + ", ȳ = " + meanTarget);
        assertTrue(atMeanInput < meanTarget, "the mean of a parabola's points lies above its bottom");
        assertEquals(end.metrics().get(Procedure.MEAN_INPUT).normRatio(),
                figure(ID, "train.per-example.mean-input.normRatio"), 0.0);
    }

    @Test
    void theShortcutCopiesStopWithinTwentyStepsAndTheCorrectOneSettlesNearTheNoise() {
        int steps = steps();
        for (Procedure shortcut : List.of(Procedure.MEAN_ERROR, Procedure.MEAN_INPUT)) {
            double early = at(20, shortcut).cost();
            double last = at(steps, shortcut).cost();
            assertEquals(last, early, 1e-9 * last, shortcut + " is flat from step 20");
            assertTrue(at(0, shortcut).cost() > last + 0.1, shortcut + " falls first");
        }
        double late = at(steps * 9 / 10, Procedure.PER_EXAMPLE).cost();
        double last = at(steps, Procedure.PER_EXAMPLE).cost();
        assertTrue(Math.abs(late - last) <= 1e-2 * last, "settled over its last tenth: " + late + " → " + last);
        double noise = lesson(ID).spec().noise();
        assertEquals(noise * noise, last, 0.15 * noise * noise, "about the variance of the noise");
    }

    @Test
    void theCorrectCopyDrawsTheParabolaAndTheShortcutsStopOnTheirOwnRestingCurves() {
        DataSet d = data();
        double noise = lesson(ID).spec().noise();
        double[] x = d.x().data;
        double off = offTheParabola(at(steps(), Procedure.PER_EXAMPLE), d);
        assertTrue(off <= 0.5 * noise * noise, "the correct copy follows the parabola within the scatter: " + off);
        for (Procedure p : List.of(Procedure.MEAN_ERROR, Procedure.MEAN_INPUT)) {
            double shortcut = offTheParabola(at(steps(), p), d);
            assertTrue(shortcut >= 5 * off, p + "'s copy is far from it: " + shortcut + " against " + off);
        }
        Comparison meanInputEnd = at(steps(), Procedure.MEAN_INPUT);
        double atMeanInput = outputs(meanInputEnd, new DMatrixRMaj(1, 1, true, mean(x)))[0];
        assertEquals(mean(d.y().data), atMeanInput, 1e-12, "mean-input's copy passes through the mean example");
        // once stopped, a shortcut copy's own gradient is zero to rounding: its relative error in the records is 1
        LessonLab.Run run = LessonLab.train(lesson(ID).spec());
        int records = 0;
        for (Trainer.Record r : run.records()) {
            if (r.step() >= 20) {
                for (Procedure p : List.of(Procedure.MEAN_ERROR, Procedure.MEAN_INPUT)) {
                    assertEquals(1, r.copies().get(p).relativeError(), 1e-9, p + " at step " + r.step());
                    records++;
                }
            }
        }
        assertTrue(records > 900, "most of the 500 records, for both: " + records);
    }

    /** The mean squared distance of the copy's outputs from the generator's parabola 2x² − 1 (without noise). */
    private static double offTheParabola(Comparison c, DataSet d) {
        double[] x = d.x().data;
        double[] fit = outputs(c, d.x());
        double off = 0;
        for (int i = 0; i < x.length; i++) {
            double parabola = 2 * x[i] * x[i] - 1;
            off += (fit[i] - parabola) * (fit[i] - parabola) / x.length;
        }
        return off;
    }

    @Test
    void tryThisWithAStraightLineTheMinimumRestsMeanInputButItsCopyStopsOnTheFirstLineThroughTheMeanExample() {
        String line = "hidden=";
        int steps = steps();
        Comparison correctEnd = at(steps, Procedure.PER_EXAMPLE, line);
        double scale = Metrics.norm(at(0, Procedure.PER_EXAMPLE, line).gradients().get(Procedure.PER_EXAMPLE).flat());
        for (Procedure p : List.of(Procedure.PER_EXAMPLE, Procedure.MEAN_INPUT, Procedure.MEAN_ERROR)) {
            assertTrue(norm(correctEnd, p) <= 1e-12 * scale, p + " is zero to rounding at the minimum: "
                    + norm(correctEnd, p));
        }
        Comparison start = at(0, Procedure.MEAN_INPUT, line);
        Comparison stopped = at(steps, Procedure.MEAN_INPUT, line);
        double w0 = start.theta().w(1).get(0, 0);
        double w = stopped.theta().w(1).get(0, 0);
        assertTrue(Math.abs(w - w0) <= 0.05 * Math.abs(w0), "about the slope it started with: " + w0 + " → " + w);
        DataSet d = data();
        double atMeanInput = outputs(stopped, new DMatrixRMaj(1, 1, true, mean(d.x().data)))[0];
        assertEquals(mean(d.y().data), atMeanInput, 1e-12, "a line through the mean example");
        assertTrue(stopped.cost() >= start.cost(), "its cost ends no lower than it began");
        assertTrue(norm(stopped, Procedure.PER_EXAMPLE) >= 10 * norm(stopped, Procedure.MEAN_INPUT),
                "where its copy stops, ∇J is not zero");
        assertTrue(correctEnd.cost() < 0.5 * stopped.cost(), "the correct copy finds the best line");
    }

    @Test
    void theQuotedCostsAreTheTrainingRunsAndTheShortcutsStopFourTimesHigher() {
        LessonLab.Run run = LessonLab.train(lesson(ID).spec());
        Map<Procedure, Trainer.CopySummary> copies = run.summary().copies();
        for (Procedure p : List.of(Procedure.PER_EXAMPLE, Procedure.MEAN_ERROR, Procedure.MEAN_INPUT)) {
            assertEquals(-1, copies.get(p).divergedAtStep(), p.id());
            assertEquals(copies.get(p).finalCost(), figure(ID, "train." + p.id() + ".finalCost"), 0.0);
            // with a full batch the comparison's J at the last step is the run's final J
            assertEquals(copies.get(p).finalCost(), at(steps(), p).cost(), 1e-12 * copies.get(p).finalCost());
        }
        double correct = run.finalCost(Procedure.PER_EXAMPLE);
        assertTrue(run.finalCost(Procedure.MEAN_ERROR) >= 4 * correct);
        assertTrue(run.finalCost(Procedure.MEAN_INPUT) >= 4 * correct);
        assertEquals(run.cost(Procedure.PER_EXAMPLE, 0), figure(ID, "cost"), 1e-12, "all three start at J(θ0)");
    }
}
