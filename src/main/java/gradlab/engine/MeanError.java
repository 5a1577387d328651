package gradlab.engine;

import java.util.function.Function;

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
        Trace[] traces = new Trace[n];
        for (int i = 0; i < n; i++) {
            traces[i] = Backprop.forward(model, theta, x, i * batch.inputs(), y, i * batch.outputs());
        }
        // the mean is taken here, before back-propagation: too early
        Trace mean = mean(traces);
        Parameters grad = theta.zerosLike();
        // ∂W^l = δ̄^l (ā^{l-1})ᵀ, ∂b^l = δ̄^l, δ̄^{l-1} = ((W^l)ᵀ δ̄^l) ⊙ s̄^{l-1}: one backward pass, on the means
        Backprop.backward(theta, mean, grad, 1.0);
        return grad;
    }

    /** The trace whose every quantity is the batch mean of the traces' ones. */
    private static Trace mean(Trace[] traces) {
        int layers = traces[0].inputs().length;
        double[][] inputs = new double[layers][];
        double[][] slopes = new double[layers - 1][];
        for (int layer = 1; layer <= layers; layer++) {
            int l = layer;
            // ā^{l-1} = mean_i a^{l-1}_i
            inputs[l - 1] = mean(traces, t -> t.input(l));
            if (l < layers) {
                // s̄^l = mean_i φ'(z^l_i)
                slopes[l - 1] = mean(traces, t -> t.slope(l));
            }
        }
        // δ̄^L = mean_i ∂L_i/∂z^L_i
        double[] outputError = mean(traces, Trace::outputError);
        // J = mean_i L_i, the one mean that is right
        double loss = 0;
        for (Trace t : traces) {
            loss += t.loss();
        }
        return new Trace(inputs, slopes, outputError, loss / traces.length);
    }

    /** (1/N) Σ_i v_i for the vector v that {@code part} picks from each trace. */
    private static double[] mean(Trace[] traces, Function<Trace, double[]> part) {
        double[] sum = new double[part.apply(traces[0]).length];
        for (Trace t : traces) {
            double[] v = part.apply(t);
            for (int j = 0; j < sum.length; j++) {
                sum[j] += v[j];
            }
        }
        for (int j = 0; j < sum.length; j++) {
            sum[j] /= traces.length;
        }
        return sum;
    }
}
