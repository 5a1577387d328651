package gradlab.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;

/**
 * The parameters θ of a network, or a gradient of the same shape: W^l (d_l × d_{l-1}, rows
 * are outputs) and b^l (d_l × 1) for l = 1..L, named W1, b1, …, WL, bL. Mutable on purpose:
 * the trainer updates θ in place; everything else treats a Parameters as a value.
 */
public final class Parameters {
    private final DMatrixRMaj[] w;
    private final DMatrixRMaj[] b;

    private Parameters(DMatrixRMaj[] w, DMatrixRMaj[] b) {
        this.w = w;
        this.b = b;
    }

    /** All zeros, for sizes d_0..d_L. */
    public static Parameters zeros(int[] sizes) {
        int layers = sizes.length - 1;
        DMatrixRMaj[] w = new DMatrixRMaj[layers];
        DMatrixRMaj[] b = new DMatrixRMaj[layers];
        for (int l = 0; l < layers; l++) {
            w[l] = new DMatrixRMaj(sizes[l + 1], sizes[l]);
            b[l] = new DMatrixRMaj(sizes[l + 1], 1);
        }
        return new Parameters(w, b);
    }

    /**
     * θ0: W by Glorot-uniform, U(±√(6/(fan_in + fan_out))), or He-uniform, U(±√(6/fan_in)),
     * for the rectifiers; b = 0. Drawn layer by layer, row by row, from {@code random}.
     */
    public static Parameters initial(int[] sizes, Activation act, SplittableRandom random) {
        Parameters p = zeros(sizes);
        for (int l = 0; l < p.layers(); l++) {
            int fanIn = sizes[l];
            int fanOut = sizes[l + 1];
            double limit = act.rectifier() ? Math.sqrt(6.0 / fanIn) : Math.sqrt(6.0 / (fanIn + fanOut));
            double[] data = p.w[l].data;
            for (int i = 0; i < data.length; i++) {
                data[i] = limit * (2.0 * random.nextDouble() - 1.0);
            }
        }
        return p;
    }

    public int layers() {
        return w.length;
    }

    /** W^l for l = 1..L. */
    public DMatrixRMaj w(int l) {
        return w[l - 1];
    }

    /** b^l for l = 1..L, a d_l × 1 column. */
    public DMatrixRMaj b(int l) {
        return b[l - 1];
    }

    /** The matrices in DESIGN's order: W1, b1, W2, b2, … */
    public List<DMatrixRMaj> matrices() {
        List<DMatrixRMaj> list = new ArrayList<>(2 * w.length);
        for (int l = 0; l < w.length; l++) {
            list.add(w[l]);
            list.add(b[l]);
        }
        return list;
    }

    /** The names in the same order: W1, b1, W2, b2, … */
    public List<String> names() {
        List<String> list = new ArrayList<>(2 * w.length);
        for (int l = 1; l <= w.length; l++) {
            list.add("W" + l);
            list.add("b" + l);
        }
        return list;
    }

    /** The name of scalar j of {@link #flat()}: W2[3,0] or b1[4]. */
    public String scalarName(int j) {
        for (int l = 1; l <= w.length; l++) {
            DMatrixRMaj wl = w(l);
            if (j < wl.data.length) {
                return "W" + l + "[" + j / wl.numCols + "," + j % wl.numCols + "]";
            }
            j -= wl.data.length;
            if (j < b(l).numRows) {
                return "b" + l + "[" + j + "]";
            }
            j -= b(l).numRows;
        }
        throw new IndexOutOfBoundsException("no scalar " + j);
    }

    /** The number of scalars in θ. */
    public int size() {
        int n = 0;
        for (int l = 0; l < w.length; l++) {
            n += w[l].data.length + b[l].numRows;
        }
        return n;
    }

    /** Every scalar in the order W1 (row by row), b1, W2, b2, … */
    public double[] flat() {
        double[] out = new double[size()];
        int k = 0;
        for (DMatrixRMaj m : matrices()) {
            System.arraycopy(m.data, 0, out, k, m.getNumElements());
            k += m.getNumElements();
        }
        return out;
    }

    /** The scalars of layer l (W^l then b^l). */
    public double[] layerFlat(int l) {
        DMatrixRMaj wl = w(l);
        DMatrixRMaj bl = b(l);
        double[] out = new double[wl.getNumElements() + bl.getNumElements()];
        System.arraycopy(wl.data, 0, out, 0, wl.getNumElements());
        System.arraycopy(bl.data, 0, out, wl.getNumElements(), bl.getNumElements());
        return out;
    }

    /** Reads scalar j of {@link #flat()}. */
    public double get(int j) {
        for (DMatrixRMaj m : matrices()) {
            if (j < m.getNumElements()) {
                return m.data[j];
            }
            j -= m.getNumElements();
        }
        throw new IndexOutOfBoundsException("no scalar " + j);
    }

    /** Writes scalar j of {@link #flat()}. */
    public void set(int j, double value) {
        for (DMatrixRMaj m : matrices()) {
            if (j < m.getNumElements()) {
                m.data[j] = value;
                return;
            }
            j -= m.getNumElements();
        }
        throw new IndexOutOfBoundsException("no scalar " + j);
    }

    public Parameters copy() {
        DMatrixRMaj[] w2 = new DMatrixRMaj[w.length];
        DMatrixRMaj[] b2 = new DMatrixRMaj[b.length];
        for (int l = 0; l < w.length; l++) {
            w2[l] = w[l].copy();
            b2[l] = b[l].copy();
        }
        return new Parameters(w2, b2);
    }

    /** A zero gradient of this shape. */
    public Parameters zerosLike() {
        return zeros(sizes());
    }

    /** d_0..d_L. */
    public int[] sizes() {
        int[] sizes = new int[w.length + 1];
        sizes[0] = w[0].numCols;
        for (int l = 0; l < w.length; l++) {
            sizes[l + 1] = w[l].numRows;
        }
        return sizes;
    }

    /** Overwrites this with the values of other (of the same shape). */
    public void setTo(Parameters other) {
        for (int l = 0; l < w.length; l++) {
            w[l].setTo(other.w[l]);
            b[l].setTo(other.b[l]);
        }
    }

    /** this += alpha · other, in place. */
    public void addScaled(double alpha, Parameters other) {
        for (int l = 0; l < w.length; l++) {
            addScaled(w[l].data, alpha, other.w[l].data);
            addScaled(b[l].data, alpha, other.b[l].data);
        }
    }

    /** this *= alpha, in place. */
    public void scale(double alpha) {
        for (DMatrixRMaj m : matrices()) {
            for (int i = 0; i < m.data.length; i++) {
                m.data[i] *= alpha;
            }
        }
    }

    /** Whether every scalar is finite. */
    public boolean isFinite() {
        for (DMatrixRMaj m : matrices()) {
            for (int i = 0; i < m.getNumElements(); i++) {
                if (!Double.isFinite(m.data[i])) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void addScaled(double[] target, double alpha, double[] source) {
        for (int i = 0; i < target.length; i++) {
            target[i] += alpha * source[i];
        }
    }
}
