package gradlab.engine;

/**
 * A way of computing "the gradient" of a batch: correct, a check, or one of the naive
 * shortcuts. Every procedure returns a gradient with the shape of θ, at the same θ and
 * batch, so they can be compared scalar by scalar.
 */
public interface GradientProcedure {
    /** Which procedure of DESIGN's table this computes. */
    Procedure procedure();

    /** The gradient this procedure computes for θ on the batch (θ is not changed). */
    Parameters gradient(Model model, Parameters theta, Batch batch);

    /** J on a batch and this procedure's gradient there: what one training step needs. */
    record Evaluation(double cost, Parameters gradient) {
    }

    /**
     * J(θ) on the batch and the gradient. A procedure whose gradient runs the batch's forward
     * pass reads J from it; the others pay for one more forward pass. The batched passes borrow
     * their buffers from {@code buffers}, which the caller owns: a training run passes the same
     * pool at every step, so that its steps reuse them.
     */
    default Evaluation evaluate(Model model, Parameters theta, Batch batch, Workspaces buffers) {
        return new Evaluation(model.cost(theta, batch, buffers), gradient(model, theta, batch));
    }
}
