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
