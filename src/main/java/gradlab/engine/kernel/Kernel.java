package gradlab.engine.kernel;

/**
 * The matrix products of the batched pass, on row-major arrays, into preallocated outputs.
 * Two implementations give the same numbers (to rounding): a plain one in loops, and one with
 * the Vector API, used when the JVM was started with {@code --add-modules jdk.incubator.vector}.
 */
public interface Kernel {
    /** C = A·B + 1·biasᵀ (bias may be null): A is m×k, B is k×n, C is m×n. */
    void mult(double[] a, double[] b, double[] bias, double[] c, int m, int k, int n);

    /** C = Aᵀ·B: A is k×m, B is k×n, C is m×n (k is the batch: the sum over examples). */
    void multTransA(double[] a, double[] b, double[] c, int m, int k, int n);

    /** out[i] = tanh(in[i]) for i < count, to a few ulps (the hidden layers' most common φ). */
    void tanh(double[] in, double[] out, int count);

    /** C = tanh(A·B + 1·biasᵀ): a hidden layer's A^l = φ(Z^l) with φ = tanh, Z^l never stored. */
    default void multTanh(double[] a, double[] b, double[] bias, double[] c, int m, int k, int n) {
        mult(a, b, bias, c, m, k, n);
        tanh(c, c, m * n);
    }

    /** C = (A·B) ⊙ (1 − T⊙T): a Δ^{l-1} of tanh, its slope φ' = 1 − a² read from T = A^{l-1}. */
    default void multTanhSlope(double[] a, double[] b, double[] c, int m, int k, int n, double[] t) {
        mult(a, b, null, c, m, k, n);
        for (int i = 0; i < m * n; i++) {
            c[i] *= 1.0 - t[i] * t[i];
        }
    }

    /** sums[j] += Σ_i A[i,j]: A is m×n (a ∂b = Δᵀ1, the sum over the batch). */
    default void columnSums(double[] a, int m, int n, double[] sums) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                sums[j] += a[i * n + j];
            }
        }
    }

    /** The kernel to use: the Vector API's when its module is present, else the plain one. */
    static Kernel best() {
        return Holder.BEST;
    }

    /** Whether the Vector API's module is present in this JVM. */
    static boolean vectorAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** Loaded on first use; the vector class is only touched when its module is there. */
    final class Holder {
        static final Kernel BEST = vectorAvailable() ? VectorKernels.create() : new PlainKernel();

        private Holder() {
        }
    }
}
