package gradlab.engine;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * batched (correct): the same (1/N) Σ_i ∇θ L_i by one matrix back-propagation over the batch,
 * the sum over examples folded into the matrix products. Examples are rows:
 * Δ^L = (1/N) ∂L/∂Z^L, ∂W^l = (Δ^l)ᵀ A^{l-1}, ∂b^l = (Δ^l)ᵀ 1,
 * Δ^{l-1} = (Δ^l W^l) ⊙ φ'(Z^{l-1}).
 */
public final class Batched implements GradientProcedure {
    public static final String ID = "batched";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Parameters gradient(Model model, Parameters theta, Batch batch) {
        int n = batch.size();
        BatchForward fwd = BatchForward.run(model, theta, batch.x());
        DMatrixRMaj logits = fwd.logits();
        int k = logits.numCols;
        // Δ^L = (1/N) ∂L/∂Z^L, row by row
        DMatrixRMaj delta = new DMatrixRMaj(n, k);
        for (int i = 0; i < n; i++) {
            model.loss().outputError(logits.data, i * k, batch.y().data, i * k, k, delta.data, i * k, 1.0 / n);
        }
        Parameters grad = theta.zerosLike();
        for (int l = model.layers(); l >= 1; l--) {
            // ∂W^l = (Δ^l)ᵀ A^{l-1}
            CommonOps_DDRM.multTransA(delta, fwd.a(l - 1), grad.w(l));
            // ∂b^l = (Δ^l)ᵀ 1
            CommonOps_DDRM.sumCols(delta, reshapeRow(grad.b(l)));
            if (l > 1) {
                // Δ^{l-1} = (Δ^l W^l) ⊙ φ'(Z^{l-1})
                DMatrixRMaj prev = new DMatrixRMaj(n, model.size(l - 1));
                CommonOps_DDRM.mult(delta, theta.w(l), prev);
                DMatrixRMaj z = fwd.z(l - 1);
                for (int i = 0; i < prev.getNumElements(); i++) {
                    prev.data[i] *= model.act().slope(z.data[i]);
                }
                delta = prev;
            }
        }
        return grad;
    }

    /** A d × 1 column viewed as the 1 × d row that sumCols writes (same data array). */
    private static DMatrixRMaj reshapeRow(DMatrixRMaj column) {
        return DMatrixRMaj.wrap(1, column.numRows, column.data);
    }
}
