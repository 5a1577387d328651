package gradlab.engine.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both kernels against a plain triple loop, on shapes with every kind of edge. */
class KernelTest {
    static List<Kernel> kernels() {
        List<Kernel> list = new ArrayList<>();
        list.add(new PlainKernel());
        if (Kernel.vectorAvailable()) {
            list.add(new VectorKernel());
        }
        return list;
    }

    static List<Arguments> shapes() {
        int[] sizes = {1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 31, 33, 64};
        List<Arguments> out = new ArrayList<>();
        Random r = new Random(5);
        for (int t = 0; t < 60; t++) {
            out.add(Arguments.of(sizes[r.nextInt(sizes.length)], sizes[r.nextInt(sizes.length)],
                    sizes[r.nextInt(sizes.length)]));
        }
        // sums longer than one slice of k, as a batch's are: the blocks carry their sums across slices
        out.add(Arguments.of(64, 1024, 64));
        out.add(Arguments.of(2, 300, 64));
        out.add(Arguments.of(64, 300, 2));
        out.add(Arguments.of(7, 130, 37));
        out.add(Arguments.of(1, 129, 1));
        // every block shape (4 × 4, 4 × 2, 4 × 1 vectors, single rows) over several slices
        out.add(Arguments.of(8, 130, 16));
        out.add(Arguments.of(4, 130, 8));
        out.add(Arguments.of(5, 130, 9));
        out.add(Arguments.of(9, 200, 24));
        out.add(Arguments.of(6, 200, 72));
        // an empty sum: C is the bias
        out.add(Arguments.of(5, 0, 9));
        return out;
    }

    @Test
    void theVectorKernelIsUsedWhenItsModuleIsPresent() {
        // the tests run with --add-modules jdk.incubator.vector, as the README's run command does
        assertTrue(Kernel.vectorAvailable(), "the test JVM has the Vector API");
        assertTrue(Kernel.best() instanceof VectorKernel, Kernel.best().getClass().getName());
    }

    @ParameterizedTest(name = "m={0} k={1} n={2}")
    @MethodSource("shapes")
    void multEqualsTheTripleLoop(int m, int k, int n) {
        Random r = new Random(31L * m + 7L * k + n);
        double[] a = random(r, m * k);
        double[] b = random(r, k * n);
        double[] bias = random(r, n);
        double[] expected = new double[m * n];
        double[] expectedNoBias = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * n + j];
                }
                expected[i * n + j] = s + bias[j];
                expectedNoBias[i * n + j] = s;
            }
        }
        for (Kernel kernel : kernels()) {
            double[] c = random(r, m * n);
            kernel.mult(a, b, bias, c, m, k, n);
            assertClose(expected, c, kernel + " mult with bias");
            kernel.mult(a, b, null, c, m, k, n);
            assertClose(expectedNoBias, c, kernel + " mult");
        }
    }

    @ParameterizedTest(name = "m={0} k={1} n={2}")
    @MethodSource("shapes")
    void theFinishedProductsEqualTheTripleLoopThenTheFinish(int m, int k, int n) {
        Random r = new Random(13L * m + 3L * k + n);
        double[] a = random(r, m * k);
        double[] b = random(r, k * n);
        double[] bias = random(r, n);
        double[] t = random(r, m * n);
        double[] tanh = new double[m * n];
        double[] slope = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * k + p] * b[p * n + j];
                }
                tanh[i * n + j] = StrictMath.tanh(s + bias[j]);
                slope[i * n + j] = s * (1 - t[i * n + j] * t[i * n + j]);
            }
        }
        for (Kernel kernel : kernels()) {
            double[] c = random(r, m * n);
            kernel.multTanh(a, b, bias, c, m, k, n);
            assertClose(tanh, c, kernel + " multTanh");
            kernel.multTanhSlope(a, b, c, m, k, n, t);
            assertClose(slope, c, kernel + " multTanhSlope");
        }
    }

    @ParameterizedTest(name = "m={0} n={2}")
    @MethodSource("shapes")
    void columnSumsAddEachColumnToWhatIsThere(int m, int k, int n) {
        Random r = new Random(7L * m + n);
        double[] a = random(r, m * n);
        double[] before = random(r, n);
        double[] expected = before.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                expected[j] += a[i * n + j];
            }
        }
        for (Kernel kernel : kernels()) {
            double[] sums = before.clone();
            kernel.columnSums(a, m, n, sums);
            assertClose(expected, sums, kernel + " columnSums");
        }
    }

    @ParameterizedTest(name = "m={0} k={1} n={2}")
    @MethodSource("shapes")
    void multTransAEqualsTheTripleLoop(int m, int k, int n) {
        Random r = new Random(17L * m + 5L * k + n);
        double[] a = random(r, k * m);
        double[] b = random(r, k * n);
        double[] expected = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[p * m + i] * b[p * n + j];
                }
                expected[i * n + j] = s;
            }
        }
        for (Kernel kernel : kernels()) {
            double[] c = random(r, m * n);
            kernel.multTransA(a, b, c, m, k, n);
            assertClose(expected, c, kernel + " multTransA");
        }
    }

    @Test
    void everyKernelsTanhIsTheScalarOneToAFewUlps() {
        Random r = new Random(3);
        double[] in = new double[10_003];
        for (int i = 0; i < in.length; i++) {
            in[i] = (2 * r.nextDouble() - 1) * Math.pow(10, r.nextInt(6) - 4) * 30;
        }
        in[0] = 0.0;
        in[1] = -0.1;
        in[2] = 0.1;
        in[3] = 1000;
        in[4] = -1000;
        // around 0.1, 20 and the infinities, where e^{2z} − 1 is small, large or past overflow
        in[5] = Math.nextDown(0.1);
        in[6] = -Math.nextDown(0.1);
        in[7] = Math.nextUp(0.1);
        in[8] = 20;
        in[9] = Double.POSITIVE_INFINITY;
        in[10] = Double.NEGATIVE_INFINITY;
        in[11] = Double.MIN_VALUE;
        for (Kernel kernel : kernels()) {
            double[] out = new double[in.length];
            kernel.tanh(in, out, in.length);
            for (int i = 0; i < in.length; i++) {
                double expected = StrictMath.tanh(in[i]);
                assertTrue(Math.abs(out[i] - expected) <= 2e-15 * Math.abs(expected), kernel + " tanh(" + in[i] + ")");
            }
        }
    }

    private static double[] random(Random r, int size) {
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    private static void assertClose(double[] expected, double[] actual, String what) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]) / Math.max(1, Math.abs(expected[i])));
        }
        double w = worst;
        assertTrue(w <= 1e-12, () -> what + ": " + w);
    }
}
