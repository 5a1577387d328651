package gradlab.engine;

import gradlab.engine.kernel.Kernel;

/**
 * mean-error, as {@link MeanError} defines it, with the batch means taken from one batched
 * forward pass (the rows of {@link Batched}'s matrices) instead of N separate ones: the same
 * value to rounding, fast enough for training. The means, and the one backward pass on them,
 * are {@link MeanError}'s.
 */
public final class BatchedMeanError implements GradientProcedure {
    /** The buffers of {@link #gradient}, kept as long as this object (a run's, a request's). */
    private final Workspaces ownBuffers = new Workspaces();

    @Override
    public Procedure procedure() {
        return Procedure.MEAN_ERROR;
    }

    @Override
    public Parameters gradient(Model model, Parameters theta, Batch batch) {
        return evaluate(model, theta, batch, ownBuffers).gradient();
    }

    /** The means from one batched forward pass, and J from it. */
    @Override
    public Evaluation evaluate(Model model, Parameters theta, Batch batch, Workspaces buffers) {
        // a forward pass for every example: the rows of one batched pass
        return buffers.forward(model, theta, batch, Kernel.best(),
                (ws, cost) -> new Evaluation(cost, backwardOnMeans(model, theta, batch, ws, cost)));
    }

    /**
     * The batch means of what the forward pass left in {@code ws}, then one backward pass on
     * them; J, the batch's cost, is the averaged trace's loss.
     */
    private static Parameters backwardOnMeans(Model model, Parameters theta, Batch batch, Workspace ws, double cost) {
        int layers = model.layers();
        int n = batch.size();
        Kernel kernel = Kernel.best();
        double[] x = batch.x().data;
        double[][] inputs = new double[layers][];
        double[][] slopes = new double[layers - 1][];
        for (int l = 1; l <= layers; l++) {
            int cols = model.size(l - 1);
            // ā^{l-1} = mean_i a^{l-1}_i
            double[] mean = new double[cols];
            kernel.columnSums(l == 1 ? x : ws.a[l - 1], n, cols, mean);
            inputs[l - 1] = scale(mean, 1.0 / n);
            if (l < layers) {
                // s̄^l = mean_i φ'(z^l_i), read from a^l = φ(z^l)
                double[] a = ws.a[l];
                int width = model.size(l);
                double[] s = new double[width];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < width; j++) {
                        s[j] += model.act().slopeFromOutput(a[i * width + j]);
                    }
                }
                slopes[l - 1] = scale(s, 1.0 / n);
            }
        }
        // δ̄^L = mean_i ∂L_i/∂z^L_i
        double[] z = ws.z[layers - 1];
        double[] y = batch.y().data;
        int k = model.outputs();
        double[] delta = new double[k];
        double[] one = new double[k];
        for (int i = 0; i < n; i++) {
            model.loss().outputError(z, i * k, y, i * k, k, one, 0, 1.0 / n);
            for (int j = 0; j < k; j++) {
                delta[j] += one[j];
            }
        }
        Parameters grad = theta.zerosLike();
        // one backward pass with δ̄^L, ā^{l-1} and s̄^l in place of each example's own
        Backprop.backward(theta, new Trace(inputs, slopes, delta, cost), grad, 1.0);
        return grad;
    }

    private static double[] scale(double[] v, double s) {
        for (int j = 0; j < v.length; j++) {
            v[j] *= s;
        }
        return v;
    }
}
