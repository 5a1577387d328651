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

    /**
     * Below this share of Σ ‖g_i‖², the spread Σ ‖g_i − G‖² = Σ ‖g_i‖² − n ‖G‖² has lost too
     * many of its digits to the difference (the examples' gradients are close to their mean),
     * and is summed example by example instead.
     */
    static final double WELL_CONDITIONED = 1e-2;

    /** The statistics over every example of {@code data} at θ, for minibatches of {@code batch}. */
    public static NoiseScale of(Model model, Parameters theta, Batch data, int batch) {
        return of(model, theta, data, batch, new Workspaces());
    }

    /**
     * The same with the buffers of a run or a request. One matrix pass over the examples gives
     * G and every ‖g_i‖², so Σ ‖g_i − G‖² = Σ ‖g_i‖² − n ‖G‖²; where that difference is small
     * against its terms, a second pass sums ‖g_i − G‖² example by example, entry by entry.
     */
    public static NoiseScale of(Model model, Parameters theta, Batch data, int batch, Workspaces buffers) {
        int n = data.size();
        double[] squares = new double[n];
        Parameters mean = new Batched().gradient(model, theta, data, buffers, squares);
        double sum = 0;
        for (double v : squares) {
            sum += v;
        }
        double spread = sum - n * normSquared(mean);
        if (!(spread > WELL_CONDITIONED * sum) && n > 1) {
            mean = new PerExample().gradient(model, theta, data);
            spread = 0;
            for (int i = 0; i < n; i++) {
                spread += ExampleGradients.of(model, theta, data, i).distanceSquared(mean);
            }
        }
        return of(mean, spread, n, batch);
    }

    /** The statistics from G, Σ ‖g_i − G‖² over the n examples, and the minibatch size B. */
    public static NoiseScale of(Parameters mean, double spread, int n, int batch) {
        double g2 = normSquared(mean);
        double s = n > 1 ? spread / (n - 1) : Double.NaN;
        double bSimple = g2 > 0 ? s / g2 : Double.NaN;
        double ratio = g2 > 0 ? (s / batch) * (1 - (double) batch / n) / g2 : Double.NaN;
        return new NoiseScale(g2, s, bSimple, ratio, batch);
    }

    /** The examples' work of {@link #of} on n examples, counted as two passes over them (its most). */
    public static long examplesProcessed(int n) {
        return 2L * n;
    }

    private static double normSquared(Parameters p) {
        double s = 0;
        for (double v : p.flat()) {
            s += v * v;
        }
        return s;
    }
}
