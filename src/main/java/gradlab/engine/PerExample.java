package gradlab.engine;

/**
 * per-example (correct): ∇J = (1/N) Σ_i ∇θ L_i, back-propagating each example separately.
 */
public final class PerExample implements GradientProcedure {
    @Override
    public Procedure procedure() {
        return Procedure.PER_EXAMPLE;
    }

    @Override
    public Parameters gradient(Model model, Parameters theta, Batch batch) {
        Parameters grad = theta.zerosLike();
        int n = batch.size();
        double[] x = batch.x().data;
        double[] y = batch.y().data;
        for (int i = 0; i < n; i++) {
            Trace trace = Backprop.forward(model, theta, x, i * batch.inputs(), y, i * batch.outputs());
            // ∇J += (1/N) ∇L_i
            Backprop.backward(theta, trace, grad, 1.0 / n);
        }
        return grad;
    }
}
