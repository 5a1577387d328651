package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import gradlab.engine.Batched;
import gradlab.engine.Procedure;

/**
 * The gradient cloud's numbers: its dots' mean is the correct gradient's projection, the
 * running mean ends there, each dot is its example's gradient projected (computed apart, by
 * the batched pass on that example alone), and the plane falls back as DESIGN says.
 */
class CloudTest {
    private static Comparison compare(String q) {
        return Comparison.compute(LabSpec.parse(q, Limits.DEFAULT, Uploads.NONE), Limits.DEFAULT, Uploads.NONE);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    @ParameterizedTest
    @ValueSource(strings = {"data=sine&n=24&seed=5&hidden=5", "data=xor&n=64&hidden=8&loss=bce",
            "data=blobs3&n=40&hidden=6,4&act=relu&loss=ce&batch=20&micro=5,15", "data=spiral&n=30&hidden=4&loss=bce&plane=params",
            "data=line&naive=", "data=sine&n=1&hidden=3", "data=line&hidden=3&plane=params&px=3&py=1",
            "data=circles&n=50&hidden=5&loss=bce&plane=naive:mean-error"})
    void theDotsMeanIsTheCorrectGradientsProjectionAndTheRunningMeanEndsThere(String q) {
        Comparison c = compare(q);
        Cloud cloud = Cloud.of(c);
        int b = c.batch().size();
        double meanNorm = Arrays.stream(cloud.norms()).average().orElseThrow();
        double tolerance = 1e-12 * Math.max(meanNorm, Double.MIN_NORMAL);
        assertEquals(cloud.meanX(), Arrays.stream(cloud.x()).sum() / b, tolerance);
        assertEquals(cloud.meanY(), Arrays.stream(cloud.y()).sum() / b, tolerance);
        assertEquals(cloud.meanX(), cloud.runningX()[b - 1], tolerance);
        assertEquals(cloud.meanY(), cloud.runningY()[b - 1], tolerance);
        assertEquals(cloud.x()[0], cloud.runningX()[0], 0.0, "the running mean starts at g_1");
        for (int i = 0; i < b; i++) {
            double[] g = new Batched().gradient(c.model(), c.theta(), c.batch().slice(i, i + 1)).flat();
            assertEquals(Math.sqrt(dot(g, g)), cloud.norms()[i], 1e-12 * Math.max(cloud.norms()[i], Double.MIN_NORMAL));
            // a dot is never further from the origin than its example's gradient is long
            assertTrue(Math.hypot(cloud.x()[i], cloud.y()[i]) <= cloud.norms()[i] * (1 + 1e-12) + Double.MIN_NORMAL);
        }
    }

    @Test
    void theNaivePlaneHoldsTheCorrectGradientOnItsFirstAxisAndTheNaiveOneWhole() {
        Comparison c = compare("data=xor&n=64&hidden=8&loss=bce");
        Cloud cloud = Cloud.of(c);
        assertEquals(Procedure.MEAN_INPUT, cloud.naive().orElseThrow(), "the first naive procedure in DESIGN's order");
        double[] correct = c.gradients().get(Procedure.REFERENCE).flat();
        double cNorm = Math.sqrt(dot(correct, correct));
        assertEquals(cNorm, cloud.meanX(), 1e-12 * cNorm);
        assertEquals(0, cloud.meanY(), 1e-12 * cNorm);
        // the spanning gradient lies in the plane: its projection keeps its length
        double[] g = c.gradients().get(Procedure.MEAN_INPUT).flat();
        double[] a = cloud.arrows().get(Procedure.MEAN_INPUT);
        assertEquals(Math.sqrt(dot(g, g)), Math.hypot(a[0], a[1]), 1e-12 * cNorm);
        assertTrue(a[1] > 0, "across toward the naive gradient");
        // its first coordinate is its component along c
        assertEquals(dot(g, correct) / cNorm, a[0], 1e-12 * cNorm);
        assertEquals(Procedure.MEAN_ERROR, Cloud.of(compare("data=xor&n=64&hidden=8&loss=bce&plane=naive:mean-error"))
                .naive().orElseThrow());
    }

    @Test
    void withoutANaiveDirectionThePlaneIsTwoParametersAndSaysWhy() {
        Cloud none = Cloud.of(compare("data=line&naive="));
        assertTrue(none.naive().isEmpty());
        assertTrue(none.fellBack().contains("no naive procedure"), none.fellBack());
        // a batch of one: every naive gradient is the correct one (F4), nothing lies across it
        Cloud one = Cloud.of(compare("data=sine&n=1&hidden=3"));
        assertTrue(one.naive().isEmpty());
        assertTrue(one.fellBack().contains("along the correct gradient"), one.fellBack());
        Comparison c = compare("data=line&hidden=3&plane=params&px=3&py=1");
        Cloud params = Cloud.of(c);
        assertEquals("", params.fellBack(), "asked for, not fallen back to");
        assertEquals(c.theta().scalarName(3), params.xName());
        assertEquals(c.gradients().get(Procedure.REFERENCE).get(3), params.meanX(), 0.0);
        assertEquals(c.gradients().get(Procedure.REFERENCE).get(1), params.meanY(), 0.0);
    }

    @Test
    void aLargeBatchIsDrawnAsASeededSampleButAveragedWhole() {
        Comparison c = compare("data=sine&n=3000&hidden=3");
        Cloud cloud = Cloud.of(c);
        assertEquals(Cloud.MAX_POINTS, cloud.drawn().length);
        assertEquals(3000, cloud.x().length);
        assertEquals(Cloud.MAX_POINTS, Arrays.stream(cloud.drawn()).distinct().count());
        assertTrue(Cloud.MAX_POINTS <= 2000, "DESIGN: at most 2000 points");
        assertArrayEquals(cloud.drawn(), Cloud.of(compare("data=sine&n=3000&hidden=3")).drawn(), "the same sample again");
        assertTrue(!Arrays.equals(cloud.drawn(), Cloud.drawn(3000, 2)), "another seed, another sample");
    }
}
