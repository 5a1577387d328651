package gradlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An independent, deliberately plain second implementation of the gradient procedures of
 * DESIGN.md ("Notation", "The gradient procedures"), written with double[][] and for-loops
 * only, compared with the engine's {@link PerExample}, {@link MeanInput} and
 * {@link MeanError} to 1e-12 relative on a grid of losses × activations × depths × batch
 * sizes. The engine is used only to build θ and the batch and to run the procedures.
 */
class PlainReferenceTest {

    // =====================================================================================
    // The plain reference
    // =====================================================================================

    static final double LEAK = 0.01;

    /** σ(z) = 1 / (1 + e^{−z}), evaluated without overflow. */
    static double sigma(double z) {
        if (z >= 0) {
            return 1.0 / (1.0 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1.0 + e);
    }

    /** φ(z) for the hidden activation with DESIGN id {@code act}. */
    static double phi(String act, double z) {
        switch (act) {
            case "identity": return z;                          // φ(z) = z
            case "sigmoid": return sigma(z);                    // φ(z) = σ(z)
            case "tanh": return Math.tanh(z);                   // φ(z) = tanh z
            case "relu": return z > 0 ? z : 0.0;                // φ(z) = max(0, z)
            case "leaky_relu": return z > 0 ? z : LEAK * z;     // φ(z) = z or 0.01 z
            default: throw new IllegalArgumentException(act);
        }
    }

    /** φ'(z), with the kinks of DESIGN: relu'(0) = 0, leaky_relu'(0) = 0.01. */
    static double phiSlope(String act, double z) {
        switch (act) {
            case "identity": return 1.0;                                    // 1
            case "sigmoid": { double s = sigma(z); return s * (1.0 - s); }  // σ(1 − σ)
            case "tanh": { double t = Math.tanh(z); return 1.0 - t * t; }   // 1 − tanh²
            case "relu": return z > 0 ? 1.0 : 0.0;                          // [z > 0]
            case "leaky_relu": return z > 0 ? 1.0 : LEAK;                   // 1 or 0.01
            default: throw new IllegalArgumentException(act);
        }
    }

    /** sign(r) with sign(0) = 0. */
    static double sign(double r) {
        return r > 0 ? 1.0 : r < 0 ? -1.0 : 0.0;
    }

    /** log σ(z) = −log(1 + e^{−z}), stably. */
    static double logSigma(double z) {
        return z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
    }

    /** p = softmax(z), with the max subtracted first. */
    static double[] softmax(double[] z) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : z) m = Math.max(m, v);
        double[] p = new double[z.length];
        double sum = 0;
        for (int k = 0; k < z.length; k++) { p[k] = Math.exp(z[k] - m); sum += p[k]; }
        for (int k = 0; k < z.length; k++) p[k] /= sum;
        return p;
    }

    /** ℓ(ψ(z), y) for the loss with DESIGN id {@code loss}, from the output pre-activation z. */
    static double lossValue(String loss, double[] z, double[] y) {
        double l = 0;
        switch (loss) {
            case "mse":     // Σ (ŷ − y)²
                for (int k = 0; k < z.length; k++) l += (z[k] - y[k]) * (z[k] - y[k]);
                return l;
            case "mae":     // Σ |ŷ − y|
                for (int k = 0; k < z.length; k++) l += Math.abs(z[k] - y[k]);
                return l;
            case "huber":   // Σ ½r² if |r| ≤ 1 else |r| − ½
                for (int k = 0; k < z.length; k++) {
                    double r = z[k] - y[k];
                    l += Math.abs(r) <= 1 ? 0.5 * r * r : Math.abs(r) - 0.5;
                }
                return l;
            case "linear":  // Σ (y − ŷ)
                for (int k = 0; k < z.length; k++) l += y[k] - z[k];
                return l;
            case "bce":     // −Σ [y log σ(z) + (1 − y) log(1 − σ(z))], log(1 − σ(z)) = log σ(−z)
                for (int k = 0; k < z.length; k++) l -= y[k] * logSigma(z[k]) + (1 - y[k]) * logSigma(-z[k]);
                return l;
            case "ce": {    // −Σ y_k log p_k, log p_k = z_k − m − log Σ e^{z_j − m}
                double m = Double.NEGATIVE_INFINITY;
                for (double v : z) m = Math.max(m, v);
                double s = 0;
                for (double v : z) s += Math.exp(v - m);
                double logZ = m + Math.log(s);
                for (int k = 0; k < z.length; k++) l -= y[k] * (z[k] - logZ);
                return l;
            }
            default: throw new IllegalArgumentException(loss);
        }
    }

    /** δ^L = ∂ℓ/∂z^L for the loss with DESIGN id {@code loss}. */
    static double[] outputError(String loss, double[] z, double[] y) {
        double[] d = new double[z.length];
        double[] p = loss.equals("ce") ? softmax(z) : null;
        for (int k = 0; k < z.length; k++) {
            double r = z[k] - y[k];
            switch (loss) {
                case "mse": d[k] = 2 * r; break;                                 // 2 (ŷ − y)
                case "mae": d[k] = sign(r); break;                               // sign(ŷ − y), sign(0) = 0
                case "huber": d[k] = Math.abs(r) <= 1 ? r : sign(r); break;      // r, or ±1 outside |r| ≤ 1
                case "linear": d[k] = -1.0; break;                               // ∂(y − ŷ)/∂ŷ = −1
                case "bce": d[k] = sigma(z[k]) - y[k]; break;                    // σ(z) − y
                case "ce": d[k] = p[k] - y[k]; break;                            // p − y (Σ y = 1)
                default: throw new IllegalArgumentException(loss);
            }
        }
        return d;
    }

    /** A network as plain arrays: W[l][i][j] = W^l_{ij}, b[l][i] = b^l_i for l = 1..L (index 0 unused). */
    static final class Net {
        final int[] d;
        final double[][][] w;
        final double[][] b;
        final String act;
        final String loss;

        Net(Model model, Parameters theta) {
            d = model.sizes();
            act = model.act().id();
            loss = model.loss().id();
            int layers = d.length - 1;
            w = new double[layers + 1][][];
            b = new double[layers + 1][];
            for (int l = 1; l <= layers; l++) {
                DMatrixRMaj wl = theta.w(l);
                DMatrixRMaj bl = theta.b(l);
                w[l] = new double[d[l]][d[l - 1]];
                b[l] = new double[d[l]];
                for (int i = 0; i < d[l]; i++) {
                    for (int j = 0; j < d[l - 1]; j++) w[l][i][j] = wl.get(i, j);
                    b[l][i] = bl.get(i, 0);
                }
            }
        }

        int layers() {
            return d.length - 1;
        }

        /** The number of scalars in θ. */
        int scalars() {
            int n = 0;
            for (int l = 1; l <= layers(); l++) n += d[l] * (d[l - 1] + 1);
            return n;
        }
    }

    /** What one forward pass caches: a[l] = a^l for l = 0..L−1, s[l] = φ'(z^l) for hidden l, δ^L, the loss. */
    static final class Pass {
        double[][] a;
        double[][] s;
        double[] deltaL;
        double loss;
    }

    /** Forward pass of one example: z^l = W^l a^{l−1} + b^l, a^l = φ(z^l); caches a^{l−1}, s^l, δ^L. */
    static Pass forward(Net net, double[] x, double[] y) {
        int layers = net.layers();
        Pass p = new Pass();
        p.a = new double[layers][];
        p.s = new double[layers][];
        p.a[0] = x.clone();                                          // a^0 = x
        double[] prev = p.a[0];
        for (int l = 1; l <= layers; l++) {
            double[] z = new double[net.d[l]];
            for (int i = 0; i < net.d[l]; i++) {
                double v = net.b[l][i];                              // z_i = b_i + Σ_j W_ij a_j
                for (int j = 0; j < net.d[l - 1]; j++) v += net.w[l][i][j] * prev[j];
                z[i] = v;
            }
            if (l == layers) {
                p.deltaL = outputError(net.loss, z, y);              // δ^L = ∂ℓ/∂z^L
                p.loss = lossValue(net.loss, z, y);                  // L = ℓ(ψ(z^L), y)
            } else {
                double[] a = new double[z.length];
                double[] s = new double[z.length];
                for (int i = 0; i < z.length; i++) {
                    a[i] = phi(net.act, z[i]);                       // a^l = φ(z^l)
                    s[i] = phiSlope(net.act, z[i]);                  // s^l = φ'(z^l)
                }
                p.a[l] = a;
                p.s[l] = s;
                prev = a;
            }
        }
        return p;
    }

    /**
     * One backward pass from cached (a^{l−1}, s^l, δ^L): ∂W^l = δ^l (a^{l−1})ᵀ, ∂b^l = δ^l,
     * δ^{l−1} = ((W^l)ᵀ δ^l) ⊙ s^{l−1}. Returns the gradient flat: W1 row by row, b1, W2, b2, …
     */
    static double[] backward(Net net, double[][] a, double[][] s, double[] deltaL) {
        int layers = net.layers();
        double[][] gw = new double[layers + 1][];
        double[][] gb = new double[layers + 1][];
        double[] delta = deltaL.clone();
        for (int l = layers; l >= 1; l--) {
            int rows = net.d[l];
            int cols = net.d[l - 1];
            gw[l] = new double[rows * cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) gw[l][i * cols + j] = delta[i] * a[l - 1][j];   // ∂W_ij = δ_i a_j
            }
            gb[l] = delta.clone();                                                            // ∂b = δ
            if (l > 1) {
                double[] below = new double[cols];
                for (int j = 0; j < cols; j++) {
                    double v = 0;                                                             // ((W)ᵀ δ)_j
                    for (int i = 0; i < rows; i++) v += net.w[l][i][j] * delta[i];
                    below[j] = v * s[l - 1][j];                                               // ⊙ s^{l−1}
                }
                delta = below;
            }
        }
        double[] flat = new double[net.scalars()];
        int k = 0;
        for (int l = 1; l <= layers; l++) {
            for (double v : gw[l]) flat[k++] = v;
            for (double v : gb[l]) flat[k++] = v;
        }
        return flat;
    }

    /** Row i of an N × d matrix as an array. */
    static double[] row(DMatrixRMaj m, int i) {
        double[] r = new double[m.numCols];
        for (int j = 0; j < m.numCols; j++) r[j] = m.get(i, j);
        return r;
    }

    /** The mean of a list of equal-length vectors: (1/N) Σ_i v_i. */
    static double[] mean(List<double[]> vs) {
        double[] m = new double[vs.get(0).length];
        for (double[] v : vs) for (int k = 0; k < m.length; k++) m[k] += v[k];
        for (int k = 0; k < m.length; k++) m[k] /= vs.size();
        return m;
    }

    /** per-example (correct): (1/N) Σ_i ∇θ L_i, one backward pass per example. */
    static double[] plainPerExample(Net net, Batch batch) {
        List<double[]> grads = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Pass p = forward(net, row(batch.x(), i), row(batch.y(), i));
            grads.add(backward(net, p.a, p.s, p.deltaL));
        }
        return mean(grads);
    }

    /** mean-input (naive): ∇θ ℓ(f(x̄; θ), ȳ), one forward/backward pass on the batch means. */
    static double[] plainMeanInput(Net net, Batch batch) {
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            xs.add(row(batch.x(), i));
            ys.add(row(batch.y(), i));
        }
        Pass p = forward(net, mean(xs), mean(ys));
        return backward(net, p.a, p.s, p.deltaL);
    }

    /**
     * mean-error (naive): forward per example; replace δ^L, every a^{l−1} and every hidden
     * slope s^l by its batch mean; one backward pass with the means.
     */
    static double[] plainMeanError(Net net, Batch batch) {
        int layers = net.layers();
        List<Pass> passes = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) passes.add(forward(net, row(batch.x(), i), row(batch.y(), i)));
        double[][] aBar = new double[layers][];
        double[][] sBar = new double[layers][];
        for (int l = 0; l < layers; l++) {
            List<double[]> as = new ArrayList<>();
            List<double[]> ss = new ArrayList<>();
            for (Pass p : passes) {
                as.add(p.a[l]);
                if (l >= 1) ss.add(p.s[l]);
            }
            aBar[l] = mean(as);                                     // ā^l = mean_i a^l_i
            if (l >= 1) sBar[l] = mean(ss);                         // s̄^l = mean_i φ'(z^l_i)
        }
        List<double[]> deltas = new ArrayList<>();
        for (Pass p : passes) deltas.add(p.deltaL);
        return backward(net, aBar, sBar, mean(deltas));             // δ̄^L = mean_i δ^L_i
    }

    /** J(θ) = (1/N) Σ_i L_i. */
    static double plainCost(Net net, Batch batch) {
        double j = 0;
        for (int i = 0; i < batch.size(); i++) j += forward(net, row(batch.x(), i), row(batch.y(), i)).loss;
        return j / batch.size();
    }

    /** ‖a − b‖ / max(‖b‖, 1e-300); exactly 0 when both are zero vectors. */
    static double relErr(double[] a, double[] b) {
        assertEquals(b.length, a.length, "gradient length");
        double diff = 0;
        double nb = 0;
        double na = 0;
        for (int k = 0; k < a.length; k++) {
            diff += (a[k] - b[k]) * (a[k] - b[k]);
            nb += b[k] * b[k];
            na += a[k] * a[k];
        }
        if (na == 0 && nb == 0) return 0;
        return Math.sqrt(diff) / Math.max(Math.sqrt(nb), 1e-300);
    }

    // =====================================================================================
    // Test cases
    // =====================================================================================

    static final double TOL = 1e-12;
    static final int[][] HIDDEN = {{}, {3}, {4, 2}, {3, 3, 3}};
    static final int[] BATCH_SIZES = {1, 5};

    /** One grid point: a model, θ (random W, small random b) and a batch with targets that suit the loss. */
    record Case(Model model, Parameters theta, Batch batch) {
        @Override
        public String toString() {
            return model.act().id() + " " + model.loss().id() + " hidden=" + Arrays.toString(hiddenOf(model))
                    + " N=" + batch.size();
        }
    }

    static int[] hiddenOf(Model model) {
        int[] s = model.sizes();
        return Arrays.copyOfRange(s, 1, s.length - 1);
    }

    static Case makeCase(Loss loss, Activation act, int[] hidden, int n, long seed) {
        int outputs = loss.id().equals("ce") ? 3 : 2;
        Model model = Model.of(2, hidden, outputs, act, loss);
        Parameters theta = model.initial(new SplittableRandom(seed));
        SplittableRandom r = new SplittableRandom(seed * 7919 + 17);
        for (int l = 1; l <= model.layers(); l++) {
            DMatrixRMaj b = theta.b(l);
            for (int i = 0; i < b.numRows; i++) b.set(i, 0, 0.1 * gaussian(r));      // b ~ N(0, 0.1²)
        }
        DMatrixRMaj x = new DMatrixRMaj(n, 2);
        DMatrixRMaj y = new DMatrixRMaj(n, outputs);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 2; j++) x.set(i, j, 1.5 * gaussian(r));
            switch (loss.id()) {
                case "bce":
                    for (int k = 0; k < outputs; k++) y.set(i, k, r.nextDouble());           // y ∈ [0, 1]
                    break;
                case "ce":
                    y.set(i, r.nextInt(outputs), 1.0);                                         // one-hot
                    break;
                default:
                    for (int k = 0; k < outputs; k++) y.set(i, k, 2.0 * gaussian(r));        // any real
            }
        }
        return new Case(model, theta, new Batch(x, y));
    }

    /** A standard normal draw (Box–Muller), so the test needs nothing but SplittableRandom. */
    static double gaussian(SplittableRandom r) {
        double u = 1.0 - r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }

    static Stream<Arguments> grid() {
        List<Arguments> list = new ArrayList<>();
        long seed = 1;
        for (Loss loss : Loss.values()) {
            for (Activation act : Activation.values()) {
                for (int[] hidden : HIDDEN) {
                    for (int n : BATCH_SIZES) {
                        list.add(Arguments.of(makeCase(loss, act, hidden, n, seed++)));
                    }
                }
            }
        }
        return list.stream();
    }

    static void assertClose(double[] engine, double[] plain, String what, Case c) {
        double e = relErr(engine, plain);
        assertTrue(e <= TOL, what + " differs from the plain reference by " + e + " relative for " + c
                + "\n engine " + Arrays.toString(engine) + "\n plain  " + Arrays.toString(plain));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("grid")
    void perExampleMatchesPlainReference(Case c) {
        Net net = new Net(c.model(), c.theta());
        double[] engine = new PerExample().gradient(c.model(), c.theta(), c.batch()).flat();
        assertClose(engine, plainPerExample(net, c.batch()), "per-example", c);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("grid")
    void meanInputMatchesPlainReference(Case c) {
        Net net = new Net(c.model(), c.theta());
        double[] engine = new MeanInput().gradient(c.model(), c.theta(), c.batch()).flat();
        assertClose(engine, plainMeanInput(net, c.batch()), "mean-input", c);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("grid")
    void meanErrorMatchesPlainReference(Case c) {
        Net net = new Net(c.model(), c.theta());
        double[] engine = new MeanError().gradient(c.model(), c.theta(), c.batch()).flat();
        assertClose(engine, plainMeanError(net, c.batch()), "mean-error", c);
    }

    /** The engine's J agrees with the plain J (this also checks the loss values, not only their slopes). */
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("grid")
    void costMatchesPlainReference(Case c) {
        double plain = plainCost(new Net(c.model(), c.theta()), c.batch());
        double engine = c.model().cost(c.theta(), c.batch());
        assertTrue(Math.abs(engine - plain) <= TOL * Math.max(Math.abs(plain), 1e-300) || engine == plain,
                "J: engine " + engine + ", plain " + plain + " for " + c);
    }

    /**
     * The plain reference checks itself: its per-example gradient agrees with central
     * differences of its own J (step 1e-6·max(1, |θ_j|)), so the comparisons above do not
     * rest on two implementations sharing one mistake.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("grid")
    void plainPerExampleAgreesWithFiniteDifferences(Case c) {
        Net net = new Net(c.model(), c.theta());
        double[] analytic = plainPerExample(net, c.batch());
        double[] fd = new double[analytic.length];
        for (int j = 0; j < fd.length; j++) {
            double t = c.theta().get(j);
            double h = 1e-6 * Math.max(1.0, Math.abs(t));
            Parameters plus = c.theta().copy();
            plus.set(j, t + h);
            Parameters minus = c.theta().copy();
            minus.set(j, t - h);
            fd[j] = (plainCost(new Net(c.model(), plus), c.batch()) - plainCost(new Net(c.model(), minus), c.batch()))
                    / (2 * h);
        }
        double e = relErr(fd, analytic);
        assertTrue(e <= 1e-6, "plain per-example vs finite differences: " + e + " for " + c
                + "\n fd       " + Arrays.toString(fd) + "\n analytic " + Arrays.toString(analytic));
    }

    // ---- the comparison is not vacuous: the naive procedures do differ from per-example ----

    @Test
    void naiveProceduresDifferFromPerExampleWithTanhAndSeveralExamples() {
        for (Loss loss : new Loss[] {Loss.MSE, Loss.BCE, Loss.CE}) {
            Case c = makeCase(loss, Activation.TANH, new int[] {4, 2}, 5, 4242);
            double[] correct = new PerExample().gradient(c.model(), c.theta(), c.batch()).flat();
            double[] meanInput = new MeanInput().gradient(c.model(), c.theta(), c.batch()).flat();
            double[] meanError = new MeanError().gradient(c.model(), c.theta(), c.batch()).flat();
            assertTrue(relErr(meanInput, correct) > 1e-3, "mean-input should differ for " + c);
            assertTrue(relErr(meanError, correct) > 1e-3, "mean-error should differ for " + c);
            // and the plain reference agrees that they differ
            Net net = new Net(c.model(), c.theta());
            assertTrue(relErr(plainMeanInput(net, c.batch()), plainPerExample(net, c.batch())) > 1e-3);
            assertTrue(relErr(plainMeanError(net, c.batch()), plainPerExample(net, c.batch())) > 1e-3);
        }
    }

    @Test
    void naiveProceduresEqualPerExampleWithTanhAndOneExample() {
        for (Loss loss : new Loss[] {Loss.MSE, Loss.BCE, Loss.CE}) {
            Case c = makeCase(loss, Activation.TANH, new int[] {4, 2}, 1, 4242);
            double[] correct = new PerExample().gradient(c.model(), c.theta(), c.batch()).flat();
            double[] meanInput = new MeanInput().gradient(c.model(), c.theta(), c.batch()).flat();
            double[] meanError = new MeanError().gradient(c.model(), c.theta(), c.batch()).flat();
            assertTrue(relErr(correct, correct) == 0 && Arrays.stream(correct).anyMatch(v -> v != 0),
                    "the gradient is not zero for " + c);
            assertClose(meanInput, correct, "mean-input at N = 1", c);
            assertClose(meanError, correct, "mean-error at N = 1", c);
        }
    }
}
