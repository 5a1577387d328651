package gradlab.engine;

import java.util.ArrayList;
import java.util.List;

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
        List<Trace> traces = new ArrayList<>(batch.size());
        double[] x = batch.x().data;
        double[] y = batch.y().data;
        for (int i = 0; i < batch.size(); i++) {
            traces.add(Backprop.forward(model, theta, x, i * batch.inputs(), y, i * batch.outputs()));
        }
        Parameters grad = theta.zerosLike();
        // one backward pass with δ̄^L, ā^{l-1} and s̄^l in place of each example's own
        Backprop.backward(theta, Trace.mean(traces), grad, 1.0);
        return grad;
    }
}
