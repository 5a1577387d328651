package gradlab.engine;

/**
 * accumulate (correct): gradient accumulation over micro-batches of sizes n_1..n_K
 * (Σ n_k = N), each summed, the total divided once by N: (1/N) Σ_k Σ_{i∈k} ∇L_i.
 */
public final class Accumulate implements GradientProcedure {
    private final MicroBatches micro;
    private final GradientProcedure inner = new Batched();

    public Accumulate(MicroBatches micro) {
        this.micro = micro;
    }

    @Override
    public Procedure procedure() {
        return Procedure.ACCUMULATE;
    }

    @Override
    public Parameters gradient(Model model, Parameters theta, Batch batch) {
        Parameters grad = theta.zerosLike();
        for (Batch slice : micro.slices(batch)) {
            // Σ_{i∈k} ∇L_i = n_k · (micro-batch mean gradient); the total is divided by N
            grad.addScaled((double) slice.size() / batch.size(), inner.gradient(model, theta, slice));
        }
        return grad;
    }
}
