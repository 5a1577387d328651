package gradlab.lab;

import gradlab.engine.Backprop;
import gradlab.engine.Procedure;
import gradlab.engine.Batch;
import gradlab.engine.MeanError;
import gradlab.engine.Parameters;
import gradlab.engine.PerExample;
import gradlab.engine.Trace;

/**
 * F1's picture: for one weight W^L[k, j] of the last layer, each example's output error
 * δ_i = ∂L_i/∂z^L_k against its input a_i = a^{L-1}_j (x itself with no hidden layer). The
 * correct gradient is mean(δ a); "average the error" takes mean(δ)·mean(a); the difference
 * is exactly their covariance, the piece that averaging first throws away.
 *
 * @param weight      the weight's name, e.g. W2[0,3]
 * @param inputName   what a is: x[j] or a1[j]
 * @param a           a_i for each example of the batch
 * @param delta       δ_i for each example
 * @param meanA       mean(a)
 * @param meanDelta   mean(δ)
 * @param covariance  (1/N) Σ (δ_i − mean δ)(a_i − mean a)
 * @param difference  per-example − mean-error at that weight, computed by the two procedures
 */
public record Covariance(String weight, String inputName, double[] a, double[] delta, double meanA, double meanDelta,
                         double covariance, double difference) {

    /** For the last layer's weight with the largest |covariance| (output unit 0 first). */
    public static Covariance of(Comparison c) {
        Batch batch = c.batch();
        Parameters theta = c.theta();
        int layers = theta.layers();
        int n = batch.size();
        int inputs = theta.w(layers).numCols;
        int outputs = theta.w(layers).numRows;
        double[][] a = new double[n][];
        double[][] d = new double[n][];
        for (int i = 0; i < n; i++) {
            Trace t = Backprop.forward(c.model(), theta, batch.x().data, i * batch.inputs(), batch.y().data,
                    i * batch.outputs());
            a[i] = t.input(layers);
            d[i] = t.outputError();
        }
        int bestK = 0;
        int bestJ = 0;
        double best = -1;
        for (int k = 0; k < outputs; k++) {
            for (int j = 0; j < inputs; j++) {
                double cov = Math.abs(covariance(column(a, j), column(d, k)));
                if (cov > best) {
                    best = cov;
                    bestK = k;
                    bestJ = j;
                }
            }
        }
        double[] aj = column(a, bestJ);
        double[] dk = column(d, bestK);
        Parameters correct = c.gradients().get(Procedure.REFERENCE);
        Parameters meanError = c.gradients().containsKey(Procedure.MEAN_ERROR) ? c.gradients().get(Procedure.MEAN_ERROR)
                : new MeanError().gradient(c.model(), theta, batch);
        double difference = correct.w(layers).get(bestK, bestJ) - meanError.w(layers).get(bestK, bestJ);
        String input = layers == 1 ? "x" + (inputs > 1 ? (bestJ + 1) : "") : "a" + (layers - 1) + "[" + bestJ + "]";
        return new Covariance("W" + layers + "[" + bestK + "," + bestJ + "]", input, aj, dk, mean(aj), mean(dk),
                covariance(aj, dk), difference);
    }

    static double covariance(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (x[i] - mx) * (y[i] - my);
        }
        return s / x.length;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double[] column(double[][] rows, int j) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][j];
        }
        return out;
    }
}
