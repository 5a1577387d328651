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

    /** The lesson's preset, compared at step k of a copy. */
    private static Comparison at(int k, Procedure copy) {
        return Comparison.compute(LessonLab.spec(ID, "at=" + k, "along=" + copy.id()), Limits.DEFAULT, Uploads.NONE);
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
