package gradlab.engine;

import org.ejml.data.DMatrixRMaj;

/**
 * Every example's own gradient g_i = ∇θ L_i, seen through the factors its back-propagation
 * leaves: the layer inputs a_i^{l−1} and the errors δ_i^l. g_i's block for W^l is
 * δ_i^l (a_i^{l−1})ᵀ and for b^l it is δ_i^l, so its norm, its dot product with a vector of
 * θ's shape and its distance from one come from the factors without writing g_i out:
 * ‖g_i‖² = Σ_l ‖δ_i^l‖² (‖a_i^{l−1}‖² + 1).
 */
public final class ExampleGradients {
    private ExampleGradients() {
    }

    /** One example's factors: a^{l−1} ([l − 1]) and δ^l ([l − 1]) for l = 1..L. */
    public record Factors(double[][] inputs, double[][] errors) {

        /** ‖g_i‖² = Σ_l ‖δ^l‖² (‖a^{l−1}‖² + 1). */
        public double normSquared() {
            double sum = 0;
            for (int l = 0; l < errors.length; l++) {
                sum += squared(errors[l]) * (squared(inputs[l]) + 1);
            }
            return sum;
        }

        /** g_i · v = Σ_l (δ^l)ᵀ V_W^l a^{l−1} + δ^l · v_b^l, for v of θ's shape. */
        public double dot(Parameters v) {
            double sum = 0;
            for (int l = 0; l < errors.length; l++) {
                double[] delta = errors[l];
                double[] a = inputs[l];
                DMatrixRMaj w = v.w(l + 1);
                DMatrixRMaj b = v.b(l + 1);
                for (int r = 0; r < delta.length; r++) {
                    int row = r * w.numCols;
                    double s = b.data[r];
                    for (int c = 0; c < a.length; c++) {
                        s += w.data[row + c] * a[c];
                    }
                    sum += delta[r] * s;
                }
            }
            return sum;
        }

        /** ‖g_i − v‖², entry by entry (no cancellation where g_i is close to v). */
        public double distanceSquared(Parameters v) {
            double sum = 0;
            for (int l = 0; l < errors.length; l++) {
                double[] delta = errors[l];
                double[] a = inputs[l];
                DMatrixRMaj w = v.w(l + 1);
                DMatrixRMaj b = v.b(l + 1);
                for (int r = 0; r < delta.length; r++) {
                    int row = r * w.numCols;
                    for (int c = 0; c < a.length; c++) {
                        // (g_i − v) for W^l[r,c] = δ_r a_c − v_rc
                        double d = delta[r] * a[c] - w.data[row + c];
                        sum += d * d;
                    }
                    double d = delta[r] - b.data[r];
                    sum += d * d;
                }
            }
            return sum;
        }

        /** Scalar j of g_i in θ's flat order (W1 row by row, b1, W2, …): δ_r a_c or δ_r. */
        public double component(int j) {
            for (int l = 0; l < errors.length; l++) {
                int cols = inputs[l].length;
                int weights = errors[l].length * cols;
                if (j < weights) {
                    return errors[l][j / cols] * inputs[l][j % cols];
                }
                j -= weights;
                if (j < errors[l].length) {
                    return errors[l][j];
                }
                j -= errors[l].length;
            }
            throw new IndexOutOfBoundsException("no scalar " + j);
        }

        /** g_i written out, in θ's shape. */
        public Parameters gradient(Parameters theta) {
            Parameters g = theta.zerosLike();
            for (int l = 0; l < errors.length; l++) {
                double[] delta = errors[l];
                double[] a = inputs[l];
                DMatrixRMaj w = g.w(l + 1);
                for (int r = 0; r < delta.length; r++) {
                    for (int c = 0; c < a.length; c++) {
                        // W^l block = δ^l (a^{l-1})ᵀ
                        w.data[r * w.numCols + c] = delta[r] * a[c];
                    }
                    // b^l block = δ^l
                    g.b(l + 1).data[r] = delta[r];
                }
            }
            return g;
        }
    }

    /** Example i's factors: a forward pass, then the errors back-propagated, nothing summed. */
    public static Factors of(Model model, Parameters theta, Batch batch, int i) {
        Trace trace = Backprop.forward(model, theta, batch.x().data, i * batch.inputs(), batch.y().data, i * batch.outputs());
        return new Factors(trace.inputs(), Backprop.errors(theta, trace));
    }

    /** ‖g_i‖ for every example of the batch, in its order: from the batched pass's rows, no trace per example. */
    public static double[] norms(Model model, Parameters theta, Batch batch) {
        double[] norms = new double[batch.size()];
        new Batched().gradient(model, theta, batch, new Workspaces(), norms);
        for (int i = 0; i < norms.length; i++) {
            norms[i] = Math.sqrt(norms[i]);
        }
        return norms;
    }

    private static double squared(double[] a) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * a[k];
        }
        return s;
    }
}
