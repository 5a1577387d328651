package gradlab.engine;

import org.ejml.data.DMatrixRMaj;

/**
 * Back-propagation for one example at a time, written as plain loops so that it reads
 * like the textbook: {@link #forward} records a {@link Trace}, {@link #backward} turns a
 * trace into a gradient. The naive procedures feed {@link #backward} an averaged trace.
 */
public final class Backprop {
    private Backprop() {
    }

    /** The forward pass for the input x[xo..] and target y[yo..]. */
    public static Trace forward(Model model, Parameters theta, double[] x, int xo, double[] y, int yo) {
        int layers = model.layers();
        double[][] inputs = new double[layers][];
        double[][] slopes = new double[layers - 1][];
        double[] a = new double[model.inputs()];
        System.arraycopy(x, xo, a, 0, a.length);
        double[] z = a;
        for (int l = 1; l <= layers; l++) {
            inputs[l - 1] = a;
            // z^l = W^l a^{l-1} + b^l
            z = affine(theta.w(l), theta.b(l), a);
            if (l < layers) {
                // a^l = φ(z^l), s^l = φ'(z^l)
                double[] next = new double[z.length];
                double[] s = new double[z.length];
                for (int j = 0; j < z.length; j++) {
                    next[j] = model.act().apply(z[j]);
                    // φ'(z) from a = φ(z): the same number, without a second tanh or exp
                    s[j] = model.act().slopeFromOutput(next[j]);
                }
                slopes[l - 1] = s;
                a = next;
            }
        }
        int k = model.outputs();
        double[] delta = new double[k];
        // δ^L = ∂ℓ/∂z^L
        model.loss().outputError(z, 0, y, yo, k, delta, 0, 1.0);
        double loss = model.loss().value(z, 0, y, yo, k);
        return new Trace(inputs, slopes, delta, loss);
    }

    /** Adds weight · ∇θ of the trace's loss into {@code grad}. */
    public static void backward(Parameters theta, Trace trace, Parameters grad, double weight) {
        double[][] errors = errors(theta, trace);
        for (int l = theta.layers(); l >= 1; l--) {
            double[] delta = errors[l - 1];
            double[] aPrev = trace.input(l);
            DMatrixRMaj dW = grad.w(l);
            DMatrixRMaj db = grad.b(l);
            for (int r = 0; r < delta.length; r++) {
                // dW^l += δ^l (a^{l-1})ᵀ, db^l += δ^l
                double dr = weight * delta[r];
                int row = r * dW.numCols;
                for (int c = 0; c < aPrev.length; c++) {
                    dW.data[row + c] += dr * aPrev[c];
                }
                db.data[r] += dr;
            }
        }
    }

    /**
     * The errors δ^l = ∂L/∂z^l of the trace's example for l = 1..L ([l − 1]): with the layer
     * inputs a^{l−1} they are all of its gradient, whose W^l block is δ^l (a^{l−1})ᵀ.
     */
    public static double[][] errors(Parameters theta, Trace trace) {
        int layers = theta.layers();
        double[][] errors = new double[layers][];
        double[] delta = trace.outputError();
        errors[layers - 1] = delta;
        for (int l = layers; l > 1; l--) {
            // δ^{l-1} = ((W^l)ᵀ δ^l) ⊙ s^{l-1}
            DMatrixRMaj w = theta.w(l);
            double[] s = trace.slope(l - 1);
            double[] prev = new double[w.numCols];
            for (int r = 0; r < delta.length; r++) {
                int row = r * w.numCols;
                for (int c = 0; c < prev.length; c++) {
                    prev[c] += w.data[row + c] * delta[r];
                }
            }
            for (int c = 0; c < prev.length; c++) {
                prev[c] *= s[c];
            }
            delta = prev;
            errors[l - 2] = delta;
        }
        return errors;
    }

    private static double[] affine(DMatrixRMaj w, DMatrixRMaj b, double[] a) {
        double[] z = new double[w.numRows];
        for (int r = 0; r < w.numRows; r++) {
            double s = b.data[r];
            int row = r * w.numCols;
            for (int c = 0; c < w.numCols; c++) {
                s += w.data[row + c] * a[c];
            }
            z[r] = s;
        }
        return z;
    }
}
