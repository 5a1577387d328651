package gradlab.engine;

import gradlab.engine.kernel.Kernel;

/**
 * batched (correct): the same (1/N) Σ_i ∇θ L_i by one matrix back-propagation over the batch,
 * the sum over examples folded into the matrix products. Examples are rows:
 * Δ^L = (1/N) ∂L/∂Z^L, ∂W^l = (Δ^l)ᵀ A^{l-1}, ∂b^l = (Δ^l)ᵀ 1,
 * Δ^{l-1} = (Δ^l W^l) ⊙ φ'(Z^{l-1}).
 */
public final class Batched implements GradientProcedure {
    private final Kernel kernel;
    /** The buffers of {@link #gradient}, kept as long as this object (a run's, a request's). */
    private final Workspaces ownBuffers = new Workspaces();

    public Batched() {
        this(Kernel.best());
    }

    /** With a given kernel (the tests run both). */
    public Batched(Kernel kernel) {
        this.kernel = kernel;
    }

    @Override
    public Procedure procedure() {
        return Procedure.BATCHED;
    }

    @Override
    public Parameters gradient(Model model, Parameters theta, Batch batch) {
        return evaluate(model, theta, batch, ownBuffers).gradient();
    }

    /** J from the gradient's own forward pass. */
    @Override
    public Evaluation evaluate(Model model, Parameters theta, Batch batch, Workspaces buffers) {
        return buffers.forward(model, theta, batch, kernel,
                (ws, cost) -> new Evaluation(cost, backward(model, theta, batch, ws)));
    }

    /** The backward pass over the batch, after {@link Workspace#forward} on it. */
    private Parameters backward(Model model, Parameters theta, Batch batch, Workspace ws) {
        int n = batch.size();
        int layers = model.layers();
        double[] x = batch.x().data;
        double[] logits = ws.z[layers - 1];
        int k = model.outputs();
        double[] delta = ws.delta;
        double[] spare = ws.deltaPrev;
        // Δ^L = (1/N) ∂L/∂Z^L, row by row
        Loss loss = model.loss();
        double[] y = batch.y().data;
        double scale = 1.0 / n;
        for (int i = 0; i < n; i++) {
            loss.outputError(logits, i * k, y, i * k, k, delta, i * k, scale);
        }
        Parameters grad = theta.zerosLike();
        for (int l = layers; l >= 1; l--) {
            int rows = model.size(l);
            int cols = model.size(l - 1);
            double[] aPrev = l == 1 ? x : ws.a[l - 1];
            // ∂W^l = (Δ^l)ᵀ A^{l-1}
            kernel.multTransA(delta, aPrev, grad.w(l).data, rows, n, cols);
            // ∂b^l = (Δ^l)ᵀ 1
            kernel.columnSums(delta, n, rows, grad.b(l).data);
            if (l > 1) {
                // Δ^{l-1} = (Δ^l W^l) ⊙ φ'(Z^{l-1}), the slope read from A^{l-1} = φ(Z^{l-1})
                double[] out = ws.a[l - 1];
                Activation act = model.act();
                if (act == Activation.TANH) {
                    kernel.multTanhSlope(delta, theta.w(l).data, spare, n, rows, cols, out);
                } else {
                    kernel.mult(delta, theta.w(l).data, null, spare, n, rows, cols);
                    for (int i = 0; i < n * cols; i++) {
                        spare[i] *= act.slopeFromOutput(out[i]);
                    }
                }
                double[] t = delta;
                delta = spare;
                spare = t;
            }
        }
        return grad;
    }
}
