package gradlab.engine;

import org.ejml.data.DMatrixRMaj;
import gradlab.engine.kernel.Kernel;

/**
 * The forward pass over a whole batch at once, examples as rows:
 * Z^l = A^{l-1} (W^l)ᵀ + 1 (b^l)ᵀ, A^l = φ(Z^l), with A^0 = X; its results are the caller's
 * to keep (a fresh workspace each time).
 */
public final class BatchForward {
    private final Model model;
    private final DMatrixRMaj[] z; // z[l-1] = Z^l, N × d_l; a hidden layer's only when φ is not tanh

    private BatchForward(Model model, DMatrixRMaj[] z) {
        this.model = model;
        this.z = z;
    }

    public static BatchForward run(Model model, Parameters theta, DMatrixRMaj x) {
        int layers = model.layers();
        int n = x.numRows;
        Workspace ws = Workspace.fresh(model, n);
        ws.forward(theta, x.data, Kernel.best());
        DMatrixRMaj[] z = new DMatrixRMaj[layers];
        for (int l = 1; l <= layers; l++) {
            if (ws.z[l - 1] != null) {
                z[l - 1] = DMatrixRMaj.wrap(n, model.size(l), ws.z[l - 1]);
            }
        }
        return new BatchForward(model, z);
    }

    /** Z^L, the logits of the output layer. */
    public DMatrixRMaj logits() {
        return z[z.length - 1];
    }

    /** J = (1/N) Σ_i ℓ(z^L_i, y_i). */
    public double cost(DMatrixRMaj y) {
        DMatrixRMaj out = logits();
        int k = out.numCols;
        double sum = 0;
        for (int i = 0; i < out.numRows; i++) {
            sum += model.loss().value(out.data, i * k, y.data, i * k, k);
        }
        return sum / out.numRows;
    }

    /** ŷ = ψ(Z^L), one row per example. */
    public DMatrixRMaj predictions() {
        DMatrixRMaj out = logits();
        int k = out.numCols;
        DMatrixRMaj p = new DMatrixRMaj(out.numRows, k);
        for (int i = 0; i < out.numRows; i++) {
            model.loss().output(out.data, i * k, k, p.data, i * k);
        }
        return p;
    }

    /**
     * Which side of its kink every kinked quantity lies on (−1, 0 or +1): the z of each
     * rectifier layer and, for mae, each residual r. Two points with different sides have a
     * kink between them, or on one of them. Empty when neither φ nor ℓ has a kink.
     */
    public byte[] kinkSides(DMatrixRMaj y) {
        int count = 0;
        if (model.act().hasKink()) {
            for (int l = 1; l < model.layers(); l++) {
                count += z[l - 1].getNumElements();
            }
        }
        if (model.loss().hasKink()) {
            count += logits().getNumElements();
        }
        byte[] sides = new byte[count];
        int k = 0;
        if (model.act().hasKink()) {
            for (int l = 1; l < model.layers(); l++) {
                for (int i = 0; i < z[l - 1].getNumElements(); i++) {
                    sides[k++] = (byte) Math.signum(z[l - 1].data[i]);
                }
            }
        }
        if (model.loss().hasKink()) {
            DMatrixRMaj out = logits();
            for (int i = 0; i < out.getNumElements(); i++) {
                sides[k++] = (byte) Math.signum(out.data[i] - y.data[i]);
            }
        }
        return sides;
    }
}
