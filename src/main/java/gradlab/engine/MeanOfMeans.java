package gradlab.engine;

/**
 * mean-of-means (naive: the gradient-accumulation normalisation bug):
 * (1/K) Σ_k (1/n_k) Σ_{i∈k} ∇L_i — each micro-batch's mean, then the mean of those means.
 * Compare {@link Accumulate}: the weights are 1/K instead of n_k/N, equal only when
 * every n_k is the same.
 */
public final class MeanOfMeans implements GradientProcedure {
    private final MicroBatches micro;
    private final GradientProcedure inner = new Batched();

    public MeanOfMeans(MicroBatches micro) {
        this.micro = micro;
    }

    @Override
    public Procedure procedure() {
        return Procedure.MEAN_OF_MEANS;
    }

    @Override
    public Parameters gradient(Model model, Parameters theta, Batch batch) {
        Batch[] slices = micro.slices(batch);
        Parameters grad = theta.zerosLike();
        for (Batch slice : slices) {
            // += (1/K) · (micro-batch mean gradient)
            grad.addScaled(1.0 / slices.length, inner.gradient(model, theta, slice));
        }
        return grad;
    }
}
