package gradlab.engine;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The shape of a network: layer sizes d_0..d_L, the hidden activation φ, and the loss ℓ
 * (which fixes the output function ψ). Parameters are kept apart, in {@link Parameters}.
 */
public record Model(int[] sizes, Activation act, Loss loss) {
    public Model {
        if (sizes.length < 2) {
            throw new IllegalArgumentException("a model has an input and an output size");
        }
        for (int d : sizes) {
            if (d < 1) {
                throw new IllegalArgumentException("layer sizes are positive: " + Arrays.toString(sizes));
            }
        }
        sizes = sizes.clone();
    }

    /** A model with the given inputs, hidden widths and outputs. */
    public static Model of(int inputs, int[] hidden, int outputs, Activation act, Loss loss) {
        int[] sizes = new int[hidden.length + 2];
        sizes[0] = inputs;
        System.arraycopy(hidden, 0, sizes, 1, hidden.length);
        sizes[sizes.length - 1] = outputs;
        return new Model(sizes, act, loss);
    }

    @Override
    public int[] sizes() {
        return sizes.clone();
    }

    /** L, the number of weight layers. */
    public int layers() {
        return sizes.length - 1;
    }

    /** d_l. */
    public int size(int l) {
        return sizes[l];
    }

    public int inputs() {
        return sizes[0];
    }

    public int outputs() {
        return sizes[sizes.length - 1];
    }

    /** The number of scalars in θ. */
    public int scalars() {
        int n = 0;
        for (int l = 1; l < sizes.length; l++) {
            n += sizes[l] * (sizes[l - 1] + 1);
        }
        return n;
    }

    /** θ0 drawn from {@code random}: Glorot- or He-uniform W, b = 0. */
    public Parameters initial(SplittableRandom random) {
        return Parameters.initial(sizes, act, random);
    }

    /** J(θ) = (1/N) Σ_i ℓ(f(x_i; θ), y_i) over the batch, in buffers of its own. */
    public double cost(Parameters theta, Batch batch) {
        return cost(theta, batch, new Workspaces());
    }

    /** The same J, in buffers borrowed from the caller's pool. */
    public double cost(Parameters theta, Batch batch, Workspaces buffers) {
        return buffers.forward(this, theta, batch, gradlab.engine.kernel.Kernel.best(), (ws, cost) -> cost);
    }

    /** The predictions ŷ = f(x; θ), one row per example. */
    public org.ejml.data.DMatrixRMaj predict(Parameters theta, org.ejml.data.DMatrixRMaj x) {
        return BatchForward.run(this, theta, x).predictions();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Model m && Arrays.equals(sizes, m.sizes) && act == m.act && loss == m.loss;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(sizes) + act.hashCode()) + loss.hashCode();
    }

    @Override
    public String toString() {
        return "Model" + Arrays.toString(sizes) + " " + act.id() + " " + loss.id();
    }
}
