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

    /**
     * The same gradient, and every example's ‖g_i‖² into {@code normsSquared} (one per example,
     * in batch order) from the same pass: g_i's blocks are δ_i^l (a_i^{l−1})ᵀ and δ_i^l, with
     * δ_i^l the rows of Δ^l, so ‖g_i‖² = Σ_l ‖δ_i^l‖² (‖a_i^{l−1}‖² + 1) ({@link ExampleGradients}).
     */
    public Parameters gradient(Model model, Parameters theta, Batch batch, Workspaces buffers, double[] normsSquared) {
        return buffers.forward(model, theta, batch, kernel, (ws, cost) -> backward(model, theta, batch, ws, normsSquared));
    }

    private Parameters backward(Model model, Parameters theta, Batch batch, Workspace ws) {
        return backward(model, theta, batch, ws, null);
    }

    /** The backward pass over the batch, after {@link Workspace#forward} on it; with norms, each example's ‖g_i‖². */
    private Parameters backward(Model model, Parameters theta, Batch batch, Workspace ws, double[] normsSquared) {
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
            if (normsSquared != null) {
                addNormsSquared(delta, aPrev, n, rows, cols, normsSquared);
            }
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

    /** Adds ‖δ_i‖² (‖a_i‖² + 1) for every row i, δ_i = N × the row of Δ (which holds 1/N). */
    private static void addNormsSquared(double[] delta, double[] a, int n, int rows, int cols, double[] normsSquared) {
        double scale = (double) n * n;
        for (int i = 0; i < n; i++) {
            double dd = 0;
            for (int r = i * rows, end = r + rows; r < end; r++) {
                dd += delta[r] * delta[r];
            }
            double aa = 0;
            for (int c = i * cols, end = c + cols; c < end; c++) {
                aa += a[c] * a[c];
            }
            normsSquared[i] += dd * scale * (aa + 1);
        }
    }
}
