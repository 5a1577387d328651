package gradlab.engine;

import org.ejml.data.DMatrixRMaj;

/**
 * mean-error (naive: "average the error, back-propagate once"): a forward pass per example,
 * then every cached quantity of the backward pass is replaced by its batch mean — the output
 * error δ̄^L = mean_i ∂L_i/∂z^L_i, the layer inputs ā^{l-1} = mean_i a^{l-1}_i, the slopes
 * s̄^l = mean_i φ'(z^l_i) — and one backward pass runs on those means.
 * Compare {@link PerExample}: the only change is where the mean is taken.
 */
public final class MeanError implements GradientProcedure {
    public static final String ID = "mean-error";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Parameters gradient(Model model, Parameters theta, Batch batch) {
        int layers = model.layers();
        int n = batch.size();
        // a forward pass for every example: the rows of one batched pass
        BatchForward forward = BatchForward.run(model, theta, batch.x());
        double[][] inputs = new double[layers][];
        double[][] slopes = new double[layers - 1][];
        for (int l = 1; l <= layers; l++) {
            // ā^{l-1} = mean_i a^{l-1}_i
            inputs[l - 1] = columnMeans(forward.a(l - 1));
            if (l < layers) {
                // s̄^l = mean_i φ'(z^l_i), read from a^l = φ(z^l)
                DMatrixRMaj a = forward.a(l);
                double[] s = new double[a.numCols];
                for (int i = 0; i < a.getNumElements(); i++) {
                    s[i % a.numCols] += model.act().slopeFromOutput(a.data[i]);
                }
                slopes[l - 1] = scale(s, 1.0 / n);
            }
        }
        // δ̄^L = mean_i ∂L_i/∂z^L_i
        DMatrixRMaj z = forward.logits();
        int k = z.numCols;
        double[] delta = new double[k];
        double[] one = new double[k];
        for (int i = 0; i < n; i++) {
            model.loss().outputError(z.data, i * k, batch.y().data, i * k, k, one, 0, 1.0 / n);
            for (int j = 0; j < k; j++) {
                delta[j] += one[j];
            }
        }
        Parameters grad = theta.zerosLike();
        // one backward pass with δ̄^L, ā^{l-1} and s̄^l in place of each example's own
        Backprop.backward(theta, new Trace(inputs, slopes, delta, forward.cost(batch.y())), grad, 1.0);
        return grad;
    }

    private static double[] columnMeans(DMatrixRMaj m) {
        double[] mean = new double[m.numCols];
        for (int i = 0; i < m.getNumElements(); i++) {
            mean[i % m.numCols] += m.data[i];
        }
        return scale(mean, 1.0 / m.numRows);
    }

    private static double[] scale(double[] v, double s) {
        for (int j = 0; j < v.length; j++) {
            v[j] *= s;
        }
        return v;
    }
}
