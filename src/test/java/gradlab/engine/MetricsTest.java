package gradlab.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * DESIGN.md "Comparison metrics" on small gradients worked out by hand. The shape is
 * d = (2, 3, 1): W1 is 3 × 2 (scalars 0..5), b1 scalars 6..8, W2 1 × 3 (9..11), b2 scalar 12.
 */
class MetricsTest {

    private static final int[] SIZES = {2, 3, 1};
    private static final int SCALARS = 13;

    /** A gradient with the given scalars set (index, value, index, value, …), zero elsewhere. */
    private static Parameters grad(double... indexValue) {
        Parameters p = Parameters.zeros(SIZES);
        for (int i = 0; i < indexValue.length; i += 2) {
            p.set((int) indexValue[i], indexValue[i + 1]);
        }
        return p;
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), what);
    }

    @Test
    void theShapeIsTheOneTheseExamplesAssume() {
        Parameters p = Parameters.zeros(SIZES);
        assertEquals(SCALARS, p.size());
        assertEquals(2, p.layers());
        assertEquals(9, p.layerFlat(1).length);
        assertEquals(4, p.layerFlat(2).length);
        p.set(6, 5.0);
        assertEquals("b1[0]", p.scalarName(6));
        assertEquals(5.0, p.b(1).get(0, 0));
        assertEquals("b2[0]", p.scalarName(12));
    }

    @Test
    void aSmallExampleByHand() {
        // g = (1, 2, 2), c = (2, 1, 2): g·c = 8, ‖g‖ = ‖c‖ = 3, g − c = (−1, 1, 0)
        Parameters g = grad(0, 1, 4, 2, 10, 2);
        Parameters c = grad(0, 2, 4, 1, 10, 2);
        Metrics m = Metrics.of(g, c);
        assertClose(8.0 / 9.0, m.cosine(), "cosine");
        assertClose(Math.toDegrees(Math.acos(8.0 / 9.0)), m.angleDegrees(), "angle");
        assertClose(Math.sqrt(2) / 3, m.relativeError(), "relative error");
        assertClose(1.0, m.normRatio(), "norm ratio");
        assertClose(1.0, m.sameSign(), "every sign agrees (zeros with zeros)");
        // layer 1 holds (1, 2) vs (2, 1): ‖(−1, 1)‖/‖(2, 1)‖ = √2/√5; layer 2 holds 2 vs 2: 0
        assertArrayEquals(new double[] {Math.sqrt(2.0 / 5.0), 0.0}, m.perLayerRelativeError(), 1e-12);
        // the static helpers say the same
        assertClose(8.0 / 9.0, Metrics.cosine(g.flat(), c.flat()), "cosine(flat)");
        assertClose(Math.sqrt(2) / 3, Metrics.relativeError(g.flat(), c.flat()), "relativeError(flat)");
        assertClose(1.0, Metrics.normRatio(g.flat(), c.flat()), "normRatio(flat)");
    }

    @Test
    void orthogonalGradientsWithOneSignFlipped() {
        // g = (1, 2, −2), c = (2, 1, 2): g·c = 0; g − c = (−1, 1, −4), ‖·‖ = √18 = 3√2
        Parameters g = grad(1, 1, 7, 2, 12, -2);
        Parameters c = grad(1, 2, 7, 1, 12, 2);
        Metrics m = Metrics.of(g, c);
        assertClose(0.0, m.cosine(), "cosine");
        assertClose(90.0, m.angleDegrees(), "angle");
        assertClose(Math.sqrt(2), m.relativeError(), "relative error");
        assertClose(1.0, m.normRatio(), "norm ratio");
        assertClose(12.0 / 13.0, m.sameSign(), "one sign of 13 differs");
        // layer 1: (1, 2) vs (2, 1) → √2/√5; layer 2: −2 vs 2 → 4/2
        assertArrayEquals(new double[] {Math.sqrt(2.0 / 5.0), 2.0}, m.perLayerRelativeError(), 1e-12);
    }

    @Test
    void perLayerErrorsTakeWAndBTogether() {
        // layer 1: c = (W1[0,0] 3, b1[0] 4), g = (3, 0) → 4/5; layer 2: c = (W2 1, b2 0), g = (1, 1) → 1/1
        Parameters c = grad(0, 3, 6, 4, 9, 1);
        Parameters g = grad(0, 3, 9, 1, 12, 1);
        Metrics m = Metrics.of(g, c);
        assertArrayEquals(new double[] {0.8, 1.0}, m.perLayerRelativeError(), 1e-12);
        // overall: g − c = (b1[0] −4, b2 1), ‖c‖² = 9 + 16 + 1
        assertClose(Math.sqrt(17.0 / 26.0), m.relativeError(), "relative error");
        assertClose(Math.sqrt(11.0 / 26.0), m.normRatio(), "norm ratio");
        assertClose(9.0 / (Math.sqrt(11) * Math.sqrt(26)) + 1.0 / (Math.sqrt(11) * Math.sqrt(26)), m.cosine(), "cosine");
        // b1[0]: g 0, c + → differ; b2: g +, c 0 → differ
        assertClose(11.0 / 13.0, m.sameSign(), "same sign");
    }

    @Test
    void aLayerWithZeroCorrectGradientHasInfiniteError() {
        Parameters c = grad(0, 1);
        Parameters g = grad(0, 1, 9, 0.5);
        Metrics m = Metrics.of(g, c);
        assertEquals(0.0, m.perLayerRelativeError()[0], 0.0);
        assertEquals(Double.POSITIVE_INFINITY, m.perLayerRelativeError()[1]);
        assertClose(0.5, m.relativeError(), "overall relative error stays finite");
        Metrics bothZeroLayer = Metrics.of(grad(0, 1), grad(0, 2));
        assertEquals(0.0, bothZeroLayer.perLayerRelativeError()[1], 0.0, "0 when both are zero in a layer");
        assertClose(0.5, bothZeroLayer.perLayerRelativeError()[0], "layer 1");
    }

    // ------------------------------------------------------------------ zeros

    @Test
    void bothZero() {
        Metrics m = Metrics.of(grad(), grad());
        assertTrue(Double.isNaN(m.cosine()), "cosine undefined");
        assertTrue(Double.isNaN(m.angleDegrees()), "angle undefined");
        assertEquals(0.0, m.relativeError(), 0.0);
        assertEquals(1.0, m.normRatio(), 0.0);
        assertEquals(1.0, m.sameSign(), 0.0, "all signs are 0 on both sides");
        assertArrayEquals(new double[] {0.0, 0.0}, m.perLayerRelativeError(), 0.0);
    }

    @Test
    void onlyTheCorrectGradientIsZero() {
        Metrics m = Metrics.of(grad(3, 0.25, 11, -1), grad());
        assertEquals(Double.POSITIVE_INFINITY, m.relativeError());
        assertEquals(Double.POSITIVE_INFINITY, m.normRatio());
        assertTrue(Double.isNaN(m.cosine()));
        assertTrue(Double.isNaN(m.angleDegrees()));
        assertClose(11.0 / 13.0, m.sameSign(), "two nonzero naive entries against zeros");
    }

    @Test
    void onlyTheNaiveGradientIsZero() {
        Metrics m = Metrics.of(grad(), grad(3, 0.25, 11, -1));
        assertEquals(1.0, m.relativeError(), 1e-15);
        assertEquals(0.0, m.normRatio(), 0.0);
        assertTrue(Double.isNaN(m.cosine()));
        assertTrue(Double.isNaN(m.angleDegrees()));
        assertClose(11.0 / 13.0, m.sameSign(), "same sign");
    }

    // ------------------------------------------------------------------ directions

    @Test
    void oppositeGradients() {
        Parameters c = grad(0, 1.5, 5, -2, 8, 0.5, 12, 3);
        Parameters g = grad(0, -1.5, 5, 2, 8, -0.5, 12, -3);
        Metrics m = Metrics.of(g, c);
        assertClose(-1.0, m.cosine(), "cosine");
        assertTrue(m.cosine() >= -1.0, "clamped");
        assertClose(180.0, m.angleDegrees(), "angle");
        assertClose(2.0, m.relativeError(), "relative error");
        assertClose(1.0, m.normRatio(), "norm ratio");
        assertClose(9.0 / 13.0, m.sameSign(), "four signs differ, nine zeros agree");
    }

    @Test
    void identicalGradients() {
        Parameters c = grad(0, 0.3, 2, -0.7, 6, 1e-3, 9, 0.1, 12, -2.2);
        Metrics m = Metrics.of(c, c.copy());
        assertTrue(m.cosine() <= 1.0, "clamped: " + m.cosine());
        assertClose(1.0, m.cosine(), "cosine");
        assertEquals(0.0, m.angleDegrees(), 2e-6, "angle");
        assertEquals(0.0, m.relativeError(), 0.0);
        assertEquals(1.0, m.normRatio(), 1e-15);
        assertEquals(1.0, m.sameSign(), 0.0);
        Metrics unit = Metrics.of(grad(4, 7), grad(4, 7));
        assertEquals(1.0, unit.cosine(), 0.0);
        assertEquals(0.0, unit.angleDegrees(), 0.0);
    }

    @Test
    void theCosineNeverLeavesMinusOneToOne() {
        SplittableRandom r = new SplittableRandom(2024);
        for (int t = 0; t < 2000; t++) {
            double[] v = new double[1 + r.nextInt(40)];
            double scale = Math.pow(10, r.nextInt(-30, 30));
            for (int j = 0; j < v.length; j++) {
                v[j] = scale * (r.nextDouble() - 0.5);
            }
            double[] twice = v.clone();
            double[] minus = v.clone();
            for (int j = 0; j < v.length; j++) {
                twice[j] *= 3.0;
                minus[j] = -minus[j];
            }
            double same = Metrics.cosine(v, v);
            double parallel = Metrics.cosine(v, twice);
            double opposite = Metrics.cosine(v, minus);
            assertTrue(same <= 1.0 && same > 1 - 1e-14, "cos(v, v) = " + same);
            assertTrue(parallel <= 1.0 && parallel > 1 - 1e-14, "cos(v, 3v) = " + parallel);
            assertTrue(opposite >= -1.0 && opposite < -1 + 1e-14, "cos(v, −v) = " + opposite);
        }
    }

    // ------------------------------------------------------------------ extreme magnitudes

    @Test
    void hugeEntriesDoNotOverflow() {
        for (double s : new double[] {1e200, 1e300, 1e307}) {
            // the same example as above, scaled: g = s(1, 2, 2), c = s(2, 1, 2)
            Parameters g = grad(0, s, 4, 2 * s, 10, 2 * s);
            Parameters c = grad(0, 2 * s, 4, s, 10, 2 * s);
            Metrics m = Metrics.of(g, c);
            assertClose(8.0 / 9.0, m.cosine(), "cosine at scale " + s);
            assertClose(Math.toDegrees(Math.acos(8.0 / 9.0)), m.angleDegrees(), "angle at scale " + s);
            assertClose(Math.sqrt(2) / 3, m.relativeError(), "relative error at scale " + s);
            assertClose(1.0, m.normRatio(), "norm ratio at scale " + s);
            assertClose(3 * s, Metrics.norm(c.flat()), "norm at scale " + s);
        }
    }

    @Test
    void tinyEntriesDoNotUnderflow() {
        for (double s : new double[] {1e-200, 1e-300, 1e-310}) {
            Parameters g = grad(0, s, 4, 2 * s, 10, 2 * s);
            Parameters c = grad(0, 2 * s, 4, s, 10, 2 * s);
            Metrics m = Metrics.of(g, c);
            // subnormal s = 1e-310 carries fewer digits; the multiples 1, 2 stay exact
            assertClose(8.0 / 9.0, m.cosine(), "cosine at scale " + s);
            assertClose(Math.sqrt(2) / 3, m.relativeError(), "relative error at scale " + s);
            assertClose(1.0, m.normRatio(), "norm ratio at scale " + s);
            assertTrue(m.relativeError() > 0 && Double.isFinite(m.relativeError()));
        }
    }

    @Test
    void hugeAgainstTinyKeepsTheDirection() {
        // g = 1e200·(1, 2, 2), c = 1e-200·(2, 1, 2): the cosine does not depend on the scales
        Parameters g = grad(0, 1e200, 4, 2e200, 10, 2e200);
        Parameters c = grad(0, 2e-200, 4, 1e-200, 10, 2e-200);
        Metrics m = Metrics.of(g, c);
        assertClose(8.0 / 9.0, m.cosine(), "cosine");
        assertEquals(Double.POSITIVE_INFINITY, m.normRatio(), "1e400 is beyond a double");
        assertEquals(1.0, m.sameSign(), 0.0);
    }

    // ------------------------------------------------------------------ sign threshold

    @Test
    void signsBelowTheThresholdCountAsZero() {
        // max|c| = 1, so every |x| ≤ 1e-12 counts as 0, in g as in c
        Parameters c = grad(0, 1, 1, 1e-13, 2, 0, 3, -5e-13, 4, 2e-12);
        Parameters g = grad(0, 3, 1, -1e-13, 2, 1e-12, 3, 2e-12, 4, -3);
        // 0: + +; 1: 0 0; 2: 0 0 (|1e-12| ≤ 1e-12); 3: 0 vs + → differ; 4: + vs − → differ
        assertClose(11.0 / 13.0, Metrics.of(g, c).sameSign(), "sameSign");
        // just above the threshold is a sign
        Parameters above = grad(0, 3, 1, -1e-13, 2, 1.0000001e-12, 3, 0, 4, 1);
        assertClose(12.0 / 13.0, Metrics.of(above, c).sameSign(), "1.0000001e-12 is positive");
    }

    @Test
    void theThresholdScalesWithTheCorrectGradientOnly() {
        // max|c| = 1e6 → threshold 1e-6: g's 1e-7 is 0 like c's 0
        Parameters bigC = grad(0, 1e6, 5, 0);
        Parameters g = grad(0, 2, 5, 1e-7);
        assertClose(1.0, Metrics.of(g, bigC).sameSign(), "1e-7 ≤ 1e-12·1e6");
        // a large g does not raise the threshold: max|c| = 1 → 1e-7 in g is a sign
        Parameters c = grad(0, 1, 5, 0);
        Parameters bigG = grad(0, 1e6, 5, 1e-7);
        assertClose(12.0 / 13.0, Metrics.of(bigG, c).sameSign(), "threshold from c, not g");
        // c all zero: only exact zeros count as 0
        assertClose(12.0 / 13.0, Metrics.of(grad(7, 1e-300), grad()).sameSign(), "c = 0");
    }

    @Test
    void entriesNearTheLargestDoubleDoNotOverflow() {
        assertEquals(2.0, Metrics.relativeError(new double[] {-1e308}, new double[] {1e308}), 1e-12);
        assertEquals(1.0 / 3, Metrics.relativeError(new double[] {1e308, 1e308}, new double[] {1.5e308, 1.5e308}), 1e-12);
        assertEquals(1.6 / 1.5, Metrics.normRatio(new double[] {1.6e308, 1.6e308}, new double[] {1.5e308, 1.5e308}), 1e-12);
    }
}
