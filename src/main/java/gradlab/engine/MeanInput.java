package gradlab.engine;

/**
 * mean-input (naive: "average the data first"): ∇θ ℓ(f(x̄; θ), ȳ), one example made of the
 * batch means x̄ and ȳ, back-propagated once.
 */
public final class MeanInput implements GradientProcedure {
    @Override
    public Procedure procedure() {
        return Procedure.MEAN_INPUT;
    }

    @Override
    public Parameters gradient(Model model, Parameters theta, Batch batch) {
        double[] xMean = columnMeans(batch.x().data, batch.size(), batch.inputs());
        double[] yMean = columnMeans(batch.y().data, batch.size(), batch.outputs());
        Parameters grad = theta.zerosLike();
        Backprop.backward(theta, Backprop.forward(model, theta, xMean, 0, yMean, 0), grad, 1.0);
        return grad;
    }

    static double[] columnMeans(double[] data, int rows, int cols) {
        double[] mean = new double[cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                mean[j] += data[i * cols + j];
            }
        }
        for (int j = 0; j < cols; j++) {
            mean[j] /= rows;
        }
        return mean;
    }
}
