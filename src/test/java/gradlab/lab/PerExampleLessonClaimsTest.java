package gradlab.lab;

import static gradlab.lab.LessonLab.WRONG;
import static gradlab.lab.LessonLab.compare;
import static gradlab.lab.LessonLab.figure;
import static gradlab.lab.LessonLab.metrics;
import static gradlab.lab.LessonLab.spec;
import static gradlab.lab.LessonLab.train;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import gradlab.engine.Procedure;
import gradlab.engine.Trainer;
import gradlab.lab.LessonLab.Run;

/**
 * What the lessons say about each example's own gradient — the cloud in the introduction and
 * F5, the weights of F7's real-world case, the noise scale lesson — checked on their presets.
 */
class PerExampleLessonClaimsTest {

    @Test
    void introductionTheCloudHasADotPerExampleAndNoShortcutEndsOnItsMean() {
        Comparison c = compare("intro");
        Cloud cloud = Cloud.of(c);
        assertEquals(32, cloud.x().length, "thirty-two dots");
        for (Procedure p : java.util.List.of(Procedure.MEAN_INPUT, Procedure.MEAN_ERROR)) {
            double[] a = cloud.arrows().get(p);
            double miss = Math.hypot(a[0] - cloud.meanX(), a[1] - cloud.meanY());
            assertTrue(miss > WRONG * Math.hypot(cloud.meanX(), cloud.meanY()), p + "'s arrow ends off the mean");
        }
    }

    @Test
    void f5TheDotsLargelyCancelAndEveryLayerOfMeanInputIsWrong() {
        Comparison c = compare("f5-nonlinear");
        Cloud cloud = Cloud.of(c);
        double typical = Arrays.stream(cloud.norms()).average().orElseThrow();
        double mean = c.gradients().get(Procedure.REFERENCE).flat().length == 0 ? 0
                : Math.sqrt(Arrays.stream(c.gradients().get(Procedure.REFERENCE).flat()).map(v -> v * v).sum());
        assertTrue(mean < 0.5 * typical, "the mean (" + mean + ") is much shorter than a typical dot (" + typical + ")");
        for (double e : metrics(c, Procedure.MEAN_INPUT).perLayerRelativeError()) {
            assertTrue(e > WRONG, "mean-input wrong in every layer: " + e);
        }
        for (Procedure p : java.util.List.of(Procedure.MEAN_INPUT, Procedure.MEAN_ERROR)) {
            double angle = metrics(c, p).angleDegrees();
            assertTrue(angle > 60 && angle < 120, p + " nearly at right angles: " + angle);
        }
    }

    @Test
    void f7TheRealWorldCaseWeighsAShortSequencesToken101Over11TimesALongOnes() {
        Comparison c = compare("f7-accumulation", "n=112", "micro=11,101");
        double[] meanOfMeans = c.examples().weights().get(Procedure.MEAN_OF_MEANS);
        double[] accumulate = c.examples().weights().get(Procedure.ACCUMULATE);
        assertEquals(1.0 / 22, meanOfMeans[0], 1e-15);
        assertEquals(1.0 / 202, meanOfMeans[111], 1e-15);
        assertEquals(1.0 / 112, accumulate[50], 1e-15);
        assertEquals(101.0 / 11, meanOfMeans[0] / meanOfMeans[111], 1e-12);
        assertEquals(9.2, meanOfMeans[0] / meanOfMeans[111], 0.05, "≈ 9.2");
        // the preset's own weights, as its text lists them
        double[] preset = compare("f7-accumulation").examples().weights().get(Procedure.MEAN_OF_MEANS);
        assertEquals(1.0 / 12, preset[0], 1e-15);
        assertEquals(1.0 / 36, preset[4], 1e-15);
        assertEquals(1.0 / 48, preset[31], 1e-15);
    }

    @Test
    void theNoiseScaleLessonsBatchOfEightStepsMostlyInANoisyDirection() {
        double ratio = figure("noise-scale", "noise.minibatchNoiseRatio");
        assertTrue(ratio > 1, "mostly noise: " + ratio);
        Comparison c = compare("noise-scale");
        assertEquals(8, c.batch().size());
        assertEquals(c.examples().noise().bSimple(), figure("noise-scale", "noise.bSimple"), 0.0);
        assertTrue(c.examples().noise().bSimple() > 8 * 10, "B_simple far above the batch");
    }

    @Test
    void theNoiseScaleLessonsFullBatchHasNoSamplingNoiseButMeanErrorStaysWrong() {
        Comparison full = compare("noise-scale", "batch=256");
        assertEquals(0.0, full.examples().noise().minibatchNoiseRatio());
        double err = metrics(full, Procedure.MEAN_ERROR).relativeError();
        assertEquals(0.99, err, 0.005, "about 0.99");
    }

    @Test
    void theNoiseScaleLessonsCurveRisesSeveralFoldWhileJFalls() {
        Run run = train(spec("noise-scale"));
        Trainer.Record first = run.records().get(0);
        Trainer.Record last = run.records().get(run.records().size() - 1);
        double b0 = first.copies().get(Procedure.REFERENCE).bSimple();
        double b1 = last.copies().get(Procedure.REFERENCE).bSimple();
        assertTrue(b1 > 3 * b0, "several-fold: " + b0 + " → " + b1);
        assertTrue(last.copies().get(Procedure.REFERENCE).cost() < first.copies().get(Procedure.REFERENCE).cost(),
                "while J falls");
    }
}
