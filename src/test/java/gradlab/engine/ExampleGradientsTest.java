package gradlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each example's gradient seen through its factors (δ_i^l, a_i^{l−1}) against the same gradient
 * computed apart: the batched matrix pass on a batch of that one example. The noise scale
 * against a plain two-pass computation over those explicit gradients, and its closed forms.
 */
class ExampleGradientsTest {
    private static final Model NET = new Model(new int[] {2, 5, 3, 2}, Activation.TANH, Loss.MSE);

    /** g_i by the batched procedure on the batch of example i alone. */
    private static List<double[]> explicit(Model model, Parameters theta, Batch batch) {
        List<double[]> list = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            list.add(new Batched().gradient(model, theta, batch.slice(i, i + 1)).flat());
        }
        return list;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    @ParameterizedTest
    @EnumSource(Loss.class)
    void factorsGiveEachExamplesGradientItsNormAndItsDotProducts(Loss loss) {
        Model model = new Model(new int[] {2, 4, 3, loss == Loss.CE ? 3 : 2}, Activation.SIGMOID, loss);
        Parameters theta = Fixtures.theta(model, 3);
        Batch batch = Fixtures.batch(model, 7, 4);
        Parameters v = Fixtures.theta(model, 9);
        double[] vf = v.flat();
        List<double[]> want = explicit(model, theta, batch);
        for (int i = 0; i < batch.size(); i++) {
            ExampleGradients.Factors f = ExampleGradients.of(model, theta, batch, i);
            double[] g = want.get(i);
            assertTrue(Fixtures.relative(f.gradient(theta).flat(), g) <= 1e-12, "g_" + i);
            double norm2 = dot(g, g);
            assertEquals(norm2, f.normSquared(), 1e-12 * norm2, "‖g_" + i + "‖²");
            assertEquals(dot(g, vf), f.dot(v), 1e-12 * Math.sqrt(norm2 * dot(vf, vf)), "g_" + i + "·v");
            double[] d = g.clone();
            for (int k = 0; k < d.length; k++) {
                d[k] -= vf[k];
            }
            assertEquals(dot(d, d), f.distanceSquared(v), 1e-12 * dot(d, d), "‖g_" + i + " − v‖²");
        }
    }

    @Test
    void theNormsAreTheNormsOfTheExplicitGradientsAndTheirMeanIsTheCorrectGradient() {
        Parameters theta = Fixtures.theta(NET, 1);
        Batch batch = Fixtures.batch(NET, 9, 2);
        double[] norms = ExampleGradients.norms(NET, theta, batch);
        List<double[]> g = explicit(NET, theta, batch);
        double[] mean = new double[g.get(0).length];
        for (int i = 0; i < g.size(); i++) {
            assertEquals(Math.sqrt(dot(g.get(i), g.get(i))), norms[i], 1e-12 * norms[i]);
            Parameters written = ExampleGradients.of(NET, theta, batch, i).gradient(theta);
            double[] w = written.flat();
            for (int k = 0; k < mean.length; k++) {
                mean[k] += w[k] / g.size();
            }
        }
        assertTrue(Fixtures.relative(mean, new Batched().gradient(NET, theta, batch).flat()) <= 1e-12);
    }

    @Test
    void theNoiseScaleIsTheTwoPassStatisticOfTheExplicitGradients() {
        Parameters theta = Fixtures.theta(NET, 5);
        Batch data = Fixtures.batch(NET, 12, 6);
        int batch = 4;
        List<double[]> g = explicit(NET, theta, data);
        int n = g.size();
        double[] mean = new double[g.get(0).length];
        for (double[] gi : g) {
            for (int k = 0; k < mean.length; k++) {
                mean[k] += gi[k] / n;
            }
        }
        double g2 = dot(mean, mean);
        double spread = 0;
        for (double[] gi : g) {
            for (int k = 0; k < mean.length; k++) {
                spread += (gi[k] - mean[k]) * (gi[k] - mean[k]);
            }
        }
        double s = spread / (n - 1);
        NoiseScale noise = NoiseScale.of(NET, theta, data, batch);
        assertEquals(g2, noise.gradientNormSquared(), 1e-12 * g2);
        assertEquals(s, noise.traceCovariance(), 1e-12 * s);
        assertEquals(s / g2, noise.bSimple(), 1e-12 * s / g2);
        double ratio = (s / batch) * (1 - (double) batch / n) / g2;
        assertEquals(ratio, noise.minibatchNoiseRatio(), 1e-12 * ratio);
        assertEquals(batch, noise.batch());
    }

    @Test
    void theMinibatchNoiseRatioIsTheExpectedSquaredErrorOfAMinibatchDrawnWithoutReplacement() {
        // every subset of 2 of 5 examples, equally likely: E‖g_B − G‖² / ‖G‖² exactly
        Parameters theta = Fixtures.theta(NET, 8);
        Batch data = Fixtures.batch(NET, 5, 8);
        List<double[]> g = explicit(NET, theta, data);
        double[] mean = new Batched().gradient(NET, theta, data).flat();
        double sum = 0;
        int subsets = 0;
        for (int i = 0; i < 5; i++) {
            for (int j = i + 1; j < 5; j++) {
                double d = 0;
                for (int k = 0; k < mean.length; k++) {
                    double e = (g.get(i)[k] + g.get(j)[k]) / 2 - mean[k];
                    d += e * e;
                }
                sum += d;
                subsets++;
            }
        }
        double expected = sum / subsets / dot(mean, mean);
        assertEquals(expected, NoiseScale.of(NET, theta, data, 2).minibatchNoiseRatio(), 1e-12 * expected);
    }

    /**
     * The matrix pass's ‖g_i‖², read from the rows of Δ^l and A^{l−1}, against the explicit g_i,
     * for every activation and loss, and its gradient is the batched procedure's own.
     */
    @ParameterizedTest
    @EnumSource(Activation.class)
    void theMatrixPassGivesEveryExamplesNormAndTheSameGradient(Activation act) {
        for (Loss loss : Loss.values()) {
            Model model = new Model(new int[] {3, 6, 4, loss == Loss.CE ? 3 : 2}, act, loss);
            Parameters theta = Fixtures.theta(model, 5);
            Batch batch = Fixtures.batch(model, 9, 6);
            double[] squares = new double[batch.size()];
            Parameters g = new Batched().gradient(model, theta, batch, new Workspaces(), squares);
            assertTrue(Fixtures.relative(new Batched().gradient(model, theta, batch), g) == 0, act + " " + loss);
            List<double[]> want = explicit(model, theta, batch);
            for (int i = 0; i < batch.size(); i++) {
                double norm2 = dot(want.get(i), want.get(i));
                assertEquals(norm2, squares[i], 1e-12 * norm2, act + " " + loss + " ‖g_" + i + "‖²");
            }
        }
    }

    /** Examples that nearly agree: the spread comes from the second pass, and is still right. */
    @Test
    void examplesCloseToTheirMeanStillHaveTheirSpread() {
        Parameters theta = Fixtures.theta(NET, 2);
        Batch one = Fixtures.batch(NET, 1, 3);
        DMatrixRMaj x = new DMatrixRMaj(6, 2);
        DMatrixRMaj y = new DMatrixRMaj(6, 2);
        for (int i = 0; i < 6; i++) {
            x.set(i, 0, one.x().get(0, 0) + 1e-6 * i);
            x.set(i, 1, one.x().get(0, 1));
            y.set(i, 0, one.y().get(0, 0));
            y.set(i, 1, one.y().get(0, 1));
        }
        Batch data = new Batch(x, y);
        List<double[]> g = explicit(NET, theta, data);
        double[] mean = new double[g.get(0).length];
        for (double[] gi : g) {
            for (int k = 0; k < mean.length; k++) {
                mean[k] += gi[k] / 6;
            }
        }
        double spread = 0;
        for (double[] gi : g) {
            for (int k = 0; k < mean.length; k++) {
                spread += (gi[k] - mean[k]) * (gi[k] - mean[k]);
            }
        }
        double s = spread / 5;
        NoiseScale noise = NoiseScale.of(NET, theta, data, 2);
        assertTrue(s > 0 && s < 1e-6 * dot(mean, mean), "the examples nearly agree: " + s);
        assertEquals(s, noise.traceCovariance(), 1e-6 * s, "the spread keeps its leading digits");
    }

    @Test
    void oneExampleHasNoSpreadAndIdenticalExamplesHaveNone() {
        Parameters theta = Fixtures.theta(NET, 2);
        NoiseScale one = NoiseScale.of(NET, theta, Fixtures.batch(NET, 1, 3), 1);
        assertTrue(Double.isNaN(one.traceCovariance()) && Double.isNaN(one.bSimple())
                && Double.isNaN(one.minibatchNoiseRatio()), one.toString());
        assertTrue(one.gradientNormSquared() > 0);

        Batch single = Fixtures.batch(NET, 1, 3);
        DMatrixRMaj x = new DMatrixRMaj(6, 2);
        DMatrixRMaj y = new DMatrixRMaj(6, 2);
        for (int i = 0; i < 6; i++) {
            System.arraycopy(single.x().data, 0, x.data, 2 * i, 2);
            System.arraycopy(single.y().data, 0, y.data, 2 * i, 2);
        }
        NoiseScale same = NoiseScale.of(NET, theta, new Batch(x, y), 3);
        assertEquals(one.gradientNormSquared(), same.gradientNormSquared(), 1e-12 * one.gradientNormSquared());
        assertTrue(same.traceCovariance() <= 1e-24 * same.gradientNormSquared(), same.toString());
        assertTrue(same.bSimple() <= 1e-24, same.toString());
    }

    @Test
    void aZeroGradientLeavesTheRatiosUndefined() {
        // a linear model with zero weights and targets equal to its zero output: every g_i = 0
        Model linear = new Model(new int[] {2, 1}, Activation.IDENTITY, Loss.MSE);
        Parameters theta = Parameters.zeros(new int[] {2, 1});
        Batch data = new Batch(new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}, {5, 6}}), new DMatrixRMaj(3, 1));
        NoiseScale noise = NoiseScale.of(linear, theta, data, 2);
        assertEquals(0.0, noise.gradientNormSquared());
        assertEquals(0.0, noise.traceCovariance());
        assertTrue(Double.isNaN(noise.bSimple()) && Double.isNaN(noise.minibatchNoiseRatio()));
    }
}
