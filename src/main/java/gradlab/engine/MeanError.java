package gradlab.engine;

/**
 * mean-error (naive: "average the error, back-propagate once"): forward pass per example; then
 * every cached quantity the backward pass uses is replaced by its batch mean — the output error
 * δ̄^L = mean_i ∂L_i/∂z^L_i, the layer inputs ā^{l-1} = mean_i a^{l-1}_i, the activation slopes
 * s̄^l = mean_i φ'(z^l_i) — and one backward pass runs: ∂W^l = δ̄^l (ā^{l-1})ᵀ, ∂b^l = δ̄^l,
 * δ̄^{l-1} = ((W^l)ᵀ δ̄^l) ⊙ s̄^{l-1}.
 * Compare {@link PerExample}: the same forward passes and the same backward pass; it
 * back-propagates every trace and averages the gradients, this averages the traces and
 * back-propagates once. {@link BatchedMeanError} computes the same, faster, for training.
 */
public final class MeanError implements GradientProcedure {
    @Override
    public Procedure procedure() {
        return Procedure.MEAN_ERROR;
    }

    @Override
    public Parameters gradient(Model model, Parameters theta, Batch batch) {
        int n = batch.size();
        double[] x = batch.x().data;
        double[] y = batch.y().data;
        TraceSums sums = new TraceSums();
        for (int i = 0; i < n; i++) {
            sums.add(Backprop.forward(model, theta, x, i * batch.inputs(), y, i * batch.outputs()));
        }
        // the mean is taken here, before back-propagation: too early
        Trace mean = sums.mean();
        Parameters grad = theta.zerosLike();
        // ∂W^l = δ̄^l (ā^{l-1})ᵀ, ∂b^l = δ̄^l, δ̄^{l-1} = ((W^l)ᵀ δ̄^l) ⊙ s̄^{l-1}: one backward pass, on the means
        Backprop.backward(theta, mean, grad, 1.0);
        return grad;
    }

    /** Σ_i of every quantity of the traces, added as they come (so no trace is kept), then their means. */
    private static final class TraceSums {
        private double[][] inputs;
        private double[][] slopes;
        private double[] outputError;
        private double loss;
        private int count;

        void add(Trace t) {
            if (count == 0) {
                inputs = zerosLike(t.inputs());
                slopes = zerosLike(t.slopes());
                outputError = new double[t.outputError().length];
            }
            for (int l = 0; l < inputs.length; l++) {
                // Σ_i a^{l}_i
                addTo(inputs[l], t.inputs()[l]);
            }
            for (int l = 0; l < slopes.length; l++) {
                // Σ_i φ'(z^{l+1}_i)
                addTo(slopes[l], t.slopes()[l]);
            }
            // Σ_i ∂L_i/∂z^L_i
            addTo(outputError, t.outputError());
            loss += t.loss();
            count++;
        }

        /** ā^{l-1}, s̄^l, δ̄^L and J = mean_i L_i (the one mean that is right). */
        Trace mean() {
            for (double[] v : inputs) {
                divide(v, count);
            }
            for (double[] v : slopes) {
                divide(v, count);
            }
            divide(outputError, count);
            return new Trace(inputs, slopes, outputError, loss / count);
        }

        private static double[][] zerosLike(double[][] v) {
            double[][] z = new double[v.length][];
            for (int l = 0; l < v.length; l++) {
                z[l] = new double[v[l].length];
            }
            return z;
        }

        private static void addTo(double[] sum, double[] v) {
            for (int j = 0; j < sum.length; j++) {
                sum[j] += v[j];
            }
        }

        private static void divide(double[] v, int n) {
            for (int j = 0; j < v.length; j++) {
                v[j] /= n;
            }
        }
    }
}
