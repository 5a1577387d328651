package gradlab.engine;

import gradlab.engine.kernel.Kernel;

/**
 * The buffers of one forward and backward pass over a batch of N examples, for one network
 * shape: borrowed from a {@link Workspaces} pool and given back, so that the next call reuses
 * them. Examples are rows; every buffer is row-major.
 */
final class Workspace {
    final int[] sizes;
    final Activation act;
    final int n;
    /**
     * z[l-1] = Z^l, N × d_l. With φ = tanh only the output layer's is kept: a hidden layer's
     * product goes through tanh on its way to A^l (back-propagation reads φ' from A^l).
     */
    final double[][] z;
    /** a[l] = A^l for the hidden layers l = 1..L-1 (a[0] is the caller's X). */
    final double[][] a;
    /** wT[l-1] = (W^l)ᵀ, d_{l-1} × d_l. */
    final double[][] wT;
    final double[] delta;
    final double[] deltaPrev;

    private Workspace(int[] sizes, Activation act, int n) {
        this.sizes = sizes.clone();
        this.act = act;
        this.n = n;
        int layers = sizes.length - 1;
        z = new double[layers][];
        a = new double[layers][];
        wT = new double[layers][];
        int widest = 0;
        for (int l = 1; l <= layers; l++) {
            if (l == layers || act != Activation.TANH) {
                z[l - 1] = new double[n * sizes[l]];
            }
            if (l < layers) {
                a[l] = new double[n * sizes[l]];
            }
            wT[l - 1] = new double[sizes[l - 1] * sizes[l]];
            widest = Math.max(widest, sizes[l]);
        }
        delta = new double[n * widest];
        deltaPrev = new double[n * widest];
    }

    /** A fresh workspace, owned by the caller. */
    static Workspace fresh(Model model, int n) {
        return new Workspace(model.sizes(), model.act(), n);
    }

    /** Whether this workspace has the shape of the model and a batch of n. */
    boolean fits(Model model, int n) {
        if (n != this.n || model.act() != act || model.layers() != sizes.length - 1) {
            return false;
        }
        for (int l = 0; l < sizes.length; l++) {
            if (model.size(l) != sizes[l]) {
                return false;
            }
        }
        return true;
    }

    /**
     * How many doubles a workspace for this shape and batch holds, before allocating it: the
     * same shapes as the constructor's (a test holds the two to each other).
     */
    static long doubles(Model model, int n) {
        int layers = model.layers();
        long total = 0;
        int widest = 0;
        for (int l = 1; l <= layers; l++) {
            long width = model.size(l);
            boolean keepsZ = l == layers || model.act() != Activation.TANH;
            total += (keepsZ ? n * width : 0) + (l < layers ? n * width : 0) + model.size(l - 1) * width;
            widest = Math.max(widest, model.size(l));
        }
        return total + 2L * n * widest;
    }

    /** How many doubles the buffers hold. */
    long doubles() {
        long total = delta.length + deltaPrev.length;
        for (int l = 0; l < z.length; l++) {
            total += (z[l] == null ? 0 : z[l].length) + wT[l].length + (a[l] == null ? 0 : a[l].length);
        }
        return total;
    }

    /** The forward pass: Z^l = A^{l-1} (W^l)ᵀ + 1 (b^l)ᵀ, A^l = φ(Z^l); x is N × d_0. */
    void forward(Parameters theta, double[] x, Kernel kernel) {
        int layers = sizes.length - 1;
        double[] in = x;
        for (int l = 1; l <= layers; l++) {
            int rows = sizes[l];
            int cols = sizes[l - 1];
            double[] w = theta.w(l).data;
            double[] t = wT[l - 1];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    t[c * rows + r] = w[r * cols + c];
                }
            }
            double[] bias = theta.b(l).data;
            if (l == layers) {
                // Z^L = A^{L-1} · (W^L)ᵀ + 1 (b^L)ᵀ
                kernel.mult(in, t, bias, z[l - 1], n, cols, rows);
            } else if (act == Activation.TANH) {
                // A^l = tanh(A^{l-1} · (W^l)ᵀ + 1 (b^l)ᵀ)
                kernel.multTanh(in, t, bias, a[l], n, cols, rows);
                in = a[l];
            } else {
                // Z^l = A^{l-1} · (W^l)ᵀ + 1 (b^l)ᵀ, A^l = φ(Z^l)
                double[] zl = z[l - 1];
                double[] al = a[l];
                kernel.mult(in, t, bias, zl, n, cols, rows);
                for (int i = 0; i < zl.length; i++) {
                    al[i] = act.apply(zl[i]);
                }
                in = al;
            }
        }
    }

    /** J = (1/N) Σ_i ℓ(z^L_i, y_i) after {@link #forward}. */
    double cost(Model model, double[] y) {
        double[] out = z[z.length - 1];
        int k = sizes[sizes.length - 1];
        Loss loss = model.loss();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += loss.value(out, i * k, y, i * k, k);
        }
        return sum / n;
    }
}
