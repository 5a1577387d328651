package gradlab.engine;

/**
 * The gradient noise scale of McCandlish et al. (2018), "An Empirical Model of Large-Batch
 * Training", over all n examples at θ: G = (1/n) Σ g_i, S = (1/(n−1)) Σ ‖g_i − G‖² (the trace
 * of the per-example gradients' covariance), B_simple = S/‖G‖², and for a minibatch of B drawn
 * without replacement the expected ‖g_B − G‖²/‖G‖² = (S/B)(1 − B/n)/‖G‖². NaN where undefined:
 * S when n = 1, the ratios also when G = 0.
 *
 * @param gradientNormSquared ‖G‖²
 * @param traceCovariance     S
 * @param bSimple             S/‖G‖²
 * @param minibatchNoiseRatio (S/B)(1 − B/n)/‖G‖²
 * @param batch               B
 */
public record NoiseScale(double gradientNormSquared, double traceCovariance, double bSimple, double minibatchNoiseRatio,
                         int batch) {

    /** The statistics over every example of {@code data} at θ, for minibatches of {@code batch}. */
    public static NoiseScale of(Model model, Parameters theta, Batch data, int batch) {
        // first pass: G, the mean of the g_i
        return of(model, theta, data, batch, new PerExample().gradient(model, theta, data));
    }

    /**
     * The statistics where G, the mean of the g_i over every example of {@code data}, is known
     * already (a full batch's correct gradient): one pass over the examples.
     */
    public static NoiseScale of(Model model, Parameters theta, Batch data, int batch, Parameters mean) {
        int n = data.size();
        // second pass: Σ ‖g_i − G‖², each g_i from its factors and dropped at once
        double spread = 0;
        for (int i = 0; i < n && n > 1; i++) {
            spread += ExampleGradients.of(model, theta, data, i).distanceSquared(mean);
        }
        return of(mean, spread, n, batch);
    }

    /** The statistics from G, Σ ‖g_i − G‖² over the n examples, and the minibatch size B. */
    public static NoiseScale of(Parameters mean, double spread, int n, int batch) {
        double g2 = 0;
        for (double v : mean.flat()) {
            g2 += v * v;
        }
        double s = n > 1 ? spread / (n - 1) : Double.NaN;
        double bSimple = g2 > 0 ? s / g2 : Double.NaN;
        double ratio = g2 > 0 ? (s / batch) * (1 - (double) batch / n) / g2 : Double.NaN;
        return new NoiseScale(g2, s, bSimple, ratio, batch);
    }

    /** The examples' work of {@link #of} on n examples: two passes over them, one where G is known. */
    public static long examplesProcessed(int n, boolean meanKnown) {
        return (meanKnown ? 1L : 2L) * n;
    }
}
