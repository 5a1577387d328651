package gradlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import gradlab.lab.Param;
import gradlab.engine.Parameters;
import gradlab.lab.Comparison;
import gradlab.lab.LabSpec;
import gradlab.lab.Limits;
import gradlab.lab.Seeds;
import gradlab.lab.Uploads;

/**
 * DESIGN.md "Query parameters" (data, n, noise, seed) and "Notation" (targets, θ0): the
 * built-in data sets and the seeded initial parameters.
 */
class GeneratorTest {

    private static final List<String> REGRESSION = List.of("line", "sine", "quadratic", "step");
    private static final List<String> TWO_CLASSES = List.of("blobs", "xor", "circles", "spiral");

    private static double x(DataSet d, int i, int col) {
        return d.x().get(i, col);
    }

    private static double y(DataSet d, int i, int col) {
        return d.y().get(i, col);
    }

    // =====================================================================================
    // Shape and target encoding
    // =====================================================================================

    @Test
    void everyDataSetOfTheDesignExists() {
        for (String id : List.of("line", "sine", "quadratic", "step", "blobs", "xor", "circles", "spiral", "blobs3")) {
            Generator g = Generator.parse(id).orElseThrow();
            assertTrue(g != null, id);
            assertEquals(id, g.id());
        }
        assertEquals(9, Generator.values().length);
    }

    @ParameterizedTest
    @EnumSource(Generator.class)
    void shapeAndTargetsFollowTheDesign(Generator g) {
        for (boolean oneHot : new boolean[] {false, true}) {
            for (int n : new int[] {1, 2, 3, 7, 32, 101}) {
                DataSet d = g.generate(n, 0.3, new SplittableRandom(11), oneHot);
                String what = g.id() + " n=" + n + " oneHot=" + oneHot;
                assertEquals(n, d.size(), what);
                assertEquals(n, d.x().numRows, what);
                assertEquals(n, d.y().numRows, what);
                boolean regression = REGRESSION.contains(g.id());
                assertEquals(regression ? 1 : 2, d.inputs(), what + ": inputs");
                int k = regression ? 1 : g.id().equals("blobs3") ? 3 : oneHot ? 2 : 1;
                assertEquals(k, d.targets(), what + ": target columns");
                assertEquals(d.inputs(), d.inputNames().size());
                assertEquals(d.targets(), d.targetNames().size());
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < d.inputs(); c++) {
                        assertTrue(Double.isFinite(x(d, i, c)), what);
                    }
                    if (regression) {
                        assertTrue(Double.isFinite(y(d, i, 0)), what);
                        continue;
                    }
                    int classes = g.id().equals("blobs3") ? 3 : 2;
                    int label = i % classes;
                    if (k == 1) {
                        assertEquals(label, y(d, i, 0), 0.0, what + ": 0/1 label of row " + i);
                    } else {
                        for (int c = 0; c < k; c++) {
                            assertEquals(c == label ? 1.0 : 0.0, y(d, i, c), 0.0, what + ": one-hot row " + i);
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Generator.class)
    void classesAreBalanced(Generator g) {
        if (REGRESSION.contains(g.id())) {
            return;
        }
        int classes = g.id().equals("blobs3") ? 3 : 2;
        for (int n : new int[] {30, 31, 32}) {
            DataSet d = g.generate(n, 0.3, new SplittableRandom(1), true);
            int[] counts = new int[classes];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < classes; c++) {
                    counts[c] += (int) y(d, i, c);
                }
            }
            int min = Arrays.stream(counts).min().getAsInt();
            int max = Arrays.stream(counts).max().getAsInt();
            assertTrue(max - min <= 1, g.id() + " n=" + n + ": " + Arrays.toString(counts));
            assertEquals(n, Arrays.stream(counts).sum());
        }
    }

    // =====================================================================================
    // Seeds
    // =====================================================================================

    @ParameterizedTest
    @EnumSource(Generator.class)
    void theSameSeedGivesTheSameDataAndAnotherSeedOther(Generator g) {
        DataSet a = g.generate(50, 0.4, new SplittableRandom(77), false);
        DataSet b = g.generate(50, 0.4, new SplittableRandom(77), false);
        DataSet c = g.generate(50, 0.4, new SplittableRandom(78), false);
        assertArrayEquals(a.x().data, b.x().data, g.id());
        assertArrayEquals(a.y().data, b.y().data, g.id());
        assertFalse(Arrays.equals(a.x().data, c.x().data), g.id() + ": another seed moves the inputs");
    }

    // =====================================================================================
    // Noise-free regression targets
    // =====================================================================================

    @Test
    void noiseFreeLineIsCollinear() {
        DataSet d = Generator.LINE.generate(200, 0.0, new SplittableRandom(5), false);
        // a line through the two points farthest apart in x; every other point lies on it
        int lo = 0;
        int hi = 0;
        for (int i = 0; i < d.size(); i++) {
            lo = x(d, i, 0) < x(d, lo, 0) ? i : lo;
            hi = x(d, i, 0) > x(d, hi, 0) ? i : hi;
        }
        double slope = (y(d, hi, 0) - y(d, lo, 0)) / (x(d, hi, 0) - x(d, lo, 0));
        assertTrue(Math.abs(slope) > 0.1, "a line, not a constant: slope " + slope);
        for (int i = 0; i < d.size(); i++) {
            double onLine = y(d, lo, 0) + slope * (x(d, i, 0) - x(d, lo, 0));
            assertEquals(onLine, y(d, i, 0), 1e-12, "point " + i + " is on the line");
        }
    }

    @Test
    void noiseFreeQuadraticIsAParabola() {
        DataSet d = Generator.QUADRATIC.generate(200, 0.0, new SplittableRandom(5), false);
        // the parabola through three points (Lagrange); every other point lies on it
        int[] p = {0, 1, 2};
        for (int i = 0; i < d.size(); i++) {
            double xi = x(d, i, 0);
            double q = 0;
            for (int u : p) {
                double term = y(d, u, 0);
                for (int v : p) {
                    if (v != u) {
                        term *= (xi - x(d, v, 0)) / (x(d, u, 0) - x(d, v, 0));
                    }
                }
                q += term;
            }
            assertEquals(q, y(d, i, 0), 1e-8, "point " + i + " is on the parabola");
        }
        // and it is curved: the second divided difference of the three points is not zero
        double x0 = x(d, 0, 0), x1 = x(d, 1, 0), x2 = x(d, 2, 0);
        double d01 = (y(d, 1, 0) - y(d, 0, 0)) / (x1 - x0);
        double d12 = (y(d, 2, 0) - y(d, 1, 0)) / (x2 - x1);
        double a = (d12 - d01) / (x2 - x0);
        assertTrue(Math.abs(a) > 0.1, "curvature " + a);
    }

    @Test
    void noiseFreeSineFollowsTheSine() {
        // Generator's documented f for sine: y = sin(x)
        DataSet d = Generator.SINE.generate(200, 0.0, new SplittableRandom(5), false);
        double minX = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < d.size(); i++) {
            assertEquals(Math.sin(x(d, i, 0)), y(d, i, 0), 1e-15, "point " + i);
            minX = Math.min(minX, x(d, i, 0));
            maxX = Math.max(maxX, x(d, i, 0));
        }
        assertTrue(maxX - minX > 2, "the inputs span more than a straight stretch: " + minX + ".." + maxX);
    }

    @Test
    void noiseFreeStepIsZeroOrOneWithOneThreshold() {
        DataSet d = Generator.STEP.generate(300, 0.0, new SplittableRandom(5), false);
        double maxOfZeros = Double.NEGATIVE_INFINITY;
        double minOfOnes = Double.POSITIVE_INFINITY;
        int ones = 0;
        for (int i = 0; i < d.size(); i++) {
            double yi = y(d, i, 0);
            assertTrue(yi == 0.0 || yi == 1.0, "step target " + yi);
            if (yi == 1.0) {
                ones++;
                minOfOnes = Math.min(minOfOnes, x(d, i, 0));
            } else {
                maxOfZeros = Math.max(maxOfZeros, x(d, i, 0));
            }
        }
        assertTrue(ones > 0 && ones < d.size(), "both levels occur");
        assertTrue(maxOfZeros < minOfOnes, "one threshold: every 1 lies to the right of every 0");
        assertTrue(maxOfZeros <= 0 && minOfOnes > 0, "the step is at 0: " + maxOfZeros + " / " + minOfOnes);
    }

    // =====================================================================================
    // Noise spreads the data
    // =====================================================================================

    /** Regression: the mean squared difference of neighbouring y when sorted by x (≈ 2σ² + smooth part). */
    private static double roughness(DataSet d) {
        Integer[] order = new Integer[d.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(x(d, a, 0), x(d, b, 0)));
        double s = 0;
        for (int i = 1; i < order.length; i++) {
            double diff = y(d, order[i], 0) - y(d, order[i - 1], 0);
            s += diff * diff;
        }
        return s / (order.length - 1);
    }

    /** Classification: the within-class variance of the inputs, summed over coordinates, averaged over classes. */
    private static double withinClassSpread(DataSet d) {
        int k = d.targets();
        double total = 0;
        for (int c = 0; c < k; c++) {
            double[] sum = new double[d.inputs()];
            double[] sq = new double[d.inputs()];
            int count = 0;
            for (int i = 0; i < d.size(); i++) {
                if (y(d, i, c) == 1.0) {
                    count++;
                    for (int j = 0; j < d.inputs(); j++) {
                        sum[j] += x(d, i, j);
                        sq[j] += x(d, i, j) * x(d, i, j);
                    }
                }
            }
            for (int j = 0; j < d.inputs(); j++) {
                double mean = sum[j] / count;
                total += sq[j] / count - mean * mean;
            }
        }
        return total / k;
    }

    @ParameterizedTest
    @EnumSource(Generator.class)
    void noiseIncreasesTheSpread(Generator g) {
        boolean regression = REGRESSION.contains(g.id());
        double previous = Double.NEGATIVE_INFINITY;
        for (double noise : new double[] {0.0, 0.5, 1.0}) {
            // different seeds per level, so the growth is not an artefact of shared draws
            DataSet d = g.generate(20_000, noise, new SplittableRandom(1000 + (long) (noise * 10)), true);
            double spread = regression ? roughness(d) : withinClassSpread(d);
            assertTrue(spread > previous, g.id() + ": spread " + spread + " at noise " + noise
                    + " is not above " + previous);
            previous = spread;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"line", "sine", "quadratic"})
    void regressionNoiseHasTheStandardDeviationAsked(String id) {
        // the roughness of noise-free data is tiny; with noise σ it is about 2σ²
        Generator g = Generator.parse(id).orElseThrow();
        double clean = roughness(g.generate(20_000, 0.0, new SplittableRandom(3), false));
        assertTrue(clean < 1e-5, id + " noise-free roughness " + clean);
        double sigma = 0.5;
        double noisy = roughness(g.generate(20_000, sigma, new SplittableRandom(3), false));
        assertEquals(2 * sigma * sigma, noisy, 0.08 * 2 * sigma * sigma, id);
    }

    // =====================================================================================
    // θ0 through the lab: from the seed alone
    // =====================================================================================

    private static Parameters theta0(String query) {
        LabSpec spec = LabSpec.parse(query, Limits.DEFAULT, Uploads.NONE);
        return Comparison.compute(spec, Limits.DEFAULT, Uploads.NONE).theta();
    }

    @Test
    void changingNDoesNotChangeTheta0() {
        for (String data : List.of("line", "xor", "blobs3")) {
            double[] a = theta0("data=" + data + "&n=16&seed=4&hidden=6,3").flat();
            double[] b = theta0("data=" + data + "&n=32&seed=4&hidden=6,3").flat();
            double[] c = theta0("data=" + data + "&n=32&noise=0.9&seed=4&hidden=6,3&batch=8").flat();
            assertArrayEquals(a, b, data);
            assertArrayEquals(a, c, data + ": noise and batch do not move θ0 either");
        }
    }

    @Test
    void differentSeedsGiveDifferentTheta0() {
        double[] a = theta0("data=xor&seed=4&hidden=6").flat();
        double[] b = theta0("data=xor&seed=5&hidden=6").flat();
        double[] c = theta0("data=xor&seed=0&hidden=6").flat();
        assertFalse(Arrays.equals(a, b));
        assertFalse(Arrays.equals(a, c));
        assertFalse(Arrays.equals(b, c));
        assertArrayEquals(a, theta0("data=xor&seed=4&hidden=6").flat(), "the same seed again");
    }

    @Test
    void oneSeedGivesThreeDistinctStreams() {
        // θ0, the data and the minibatch order each come from their own stream of the seed,
        // and no (seed, stream) pair shares its stream with another
        java.util.Map<Long, String> first = new java.util.HashMap<>();
        for (int seed = 0; seed <= 2000; seed++) {
            for (Seeds stream : Seeds.values()) {
                long draw = stream.random(seed).nextLong();
                String previous = first.put(draw, stream + " of seed " + seed);
                assertTrue(previous == null, stream + " of seed " + seed + " repeats " + previous);
                assertEquals(draw, stream.random(seed).nextLong(), "a stream is a function of the seed");
            }
        }
        long big = Seeds.DATA.random(Param.MAX_SEED).nextLong();
        assertFalse(big == Seeds.INITIAL_PARAMETERS.random(Param.MAX_SEED).nextLong());
        assertFalse(big == Seeds.MINIBATCHES.random(Param.MAX_SEED).nextLong());
    }

    @Test
    void theDataDoesNotDependOnTheNetwork() {
        // the data stream is the seed's own: the network's shape and act do not move the data
        LabSpec a = LabSpec.parse("data=xor&seed=6", Limits.DEFAULT, Uploads.NONE);
        LabSpec b = LabSpec.parse("data=xor&seed=6&hidden=9,9&act=relu&batch=5", Limits.DEFAULT, Uploads.NONE);
        Comparison ca = Comparison.compute(a, Limits.DEFAULT, Uploads.NONE);
        Comparison cb = Comparison.compute(b, Limits.DEFAULT, Uploads.NONE);
        DataSet expected = Generator.XOR.generate(32, 0.3, Seeds.DATA.random(6), false);
        // the first minibatch of a (batch = n) is a permutation of the whole data set
        assertEquals(sortedRows(expected.x().data), sortedRows(ca.batch().x().data));
        assertEquals(32, ca.batch().size());
        assertEquals(5, cb.batch().size());
        // b's first minibatch rows are rows of the same data set
        List<String> rows = sortedRows(expected.x().data);
        for (String row : sortedRows(cb.batch().x().data)) {
            assertTrue(rows.contains(row), row);
        }
    }

    private static List<String> sortedRows(double[] xy) {
        List<String> rows = new java.util.ArrayList<>();
        for (int i = 0; i < xy.length; i += 2) {
            rows.add(xy[i] + "," + xy[i + 1]);
        }
        java.util.Collections.sort(rows);
        return rows;
    }

    @ParameterizedTest
    @ValueSource(strings = {"identity", "sigmoid", "tanh", "relu", "leaky_relu"})
    void initialWeightsRespectTheirUniformBoundAndBiasesAreZero(String act) {
        boolean he = act.equals("relu") || act.equals("leaky_relu");
        Parameters theta = theta0("data=xor&seed=9&hidden=32,32&act=" + act);
        int[] sizes = {2, 32, 32, 1};
        assertArrayEquals(sizes, theta.sizes());
        for (int l = 1; l < sizes.length; l++) {
            int fanIn = sizes[l - 1];
            int fanOut = sizes[l];
            double glorot = Math.sqrt(6.0 / (fanIn + fanOut));
            double bound = he ? Math.sqrt(6.0 / fanIn) : glorot;
            double[] w = theta.w(l).data;
            double max = 0;
            double sumSq = 0;
            for (double v : w) {
                assertTrue(Math.abs(v) <= bound, act + " W" + l + " entry " + v + " beyond " + bound);
                max = Math.max(max, Math.abs(v));
                sumSq += v * v;
            }
            assertTrue(max > 0.8 * bound, act + " W" + l + " uses its whole range: max " + max + " of " + bound);
            if (w.length >= 1000) {
                // U(−a, a) has variance a²/3
                double variance = sumSq / w.length;
                assertEquals(bound * bound / 3, variance, 0.15 * bound * bound / 3, act + " W" + l + " variance");
            }
            if (he && fanIn == fanOut) {
                assertTrue(max > glorot, act + " W" + l + ": He-uniform reaches beyond the Glorot bound");
            }
            for (double v : theta.b(l).data) {
                assertEquals(0.0, v, 0.0, act + " b" + l);
            }
        }
    }
}
