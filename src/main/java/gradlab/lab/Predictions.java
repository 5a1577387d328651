package gradlab.lab;

import org.ejml.data.DMatrixRMaj;

import gradlab.data.DataSet;
import gradlab.engine.ExampleGradients;
import gradlab.engine.Model;
import gradlab.engine.Parameters;

/**
 * What a copy of the network predicts, in the shapes the pictures need: a curve for 1-D
 * regression, a grid of predicted classes for 2-D classification.
 */
public final class Predictions {
    /** A picture's kind, decided by the data's columns. */
    public enum Kind { FIT, REGIONS, NONE }

    private Predictions() {
    }

    public static Kind kind(DataSet data) {
        if (data.inputs() == 1 && data.targets() == 1) {
            return Kind.FIT;
        }
        if (data.inputs() == 2 && isClassification(data)) {
            return Kind.REGIONS;
        }
        return Kind.NONE;
    }

    /** The number of classes: 2 for one 0/1 column, else one per column. */
    public static int classes(DataSet data) {
        return data.targets() == 1 ? 2 : data.targets();
    }

    /** The true class of example i. */
    public static int label(DataSet data, int i) {
        int k = data.targets();
        if (k == 1) {
            return data.y().get(i, 0) >= 0.5 ? 1 : 0;
        }
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (data.y().get(i, j) > data.y().get(i, best)) {
                best = j;
            }
        }
        return best;
    }

    /** Evenly spaced points from lo to hi. */
    public static double[] grid(double lo, double hi, int count) {
        double[] g = new double[count];
        for (int i = 0; i < count; i++) {
            g[i] = lo + (hi - lo) * i / (count - 1);
        }
        return g;
    }

    /** f(x) for each x (the first output). */
    public static double[] curve(Model model, Parameters theta, double[] xs) {
        DMatrixRMaj x = new DMatrixRMaj(xs.length, 1, true, xs);
        DMatrixRMaj y = model.predict(theta, x);
        double[] out = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = y.get(i, 0);
        }
        return out;
    }

    /** The predicted class at the centre of each cell of a size × size grid over the box. */
    public static int[][] classes(Model model, Parameters theta, double x0, double x1, double y0, double y1, int size) {
        DMatrixRMaj x = new DMatrixRMaj(size * size, 2);
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                x.set(r * size + c, 0, x0 + (x1 - x0) * (c + 0.5) / size);
                x.set(r * size + c, 1, y0 + (y1 - y0) * (r + 0.5) / size);
            }
        }
        DMatrixRMaj y = model.predict(theta, x);
        int[][] out = new int[size][size];
        for (int r = 0; r < size; r++) {
            for (int c = 0; c < size; c++) {
                out[r][c] = predictedClass(y, r * size + c);
            }
        }
        return out;
    }

    private static int predictedClass(DMatrixRMaj y, int row) {
        int k = y.numCols;
        if (k == 1) {
            return y.get(row, 0) >= 0.5 ? 1 : 0;
        }
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (y.get(row, j) > y.get(row, best)) {
                best = j;
            }
        }
        return best;
    }

    private static boolean isClassification(DataSet data) {
        for (int i = 0; i < data.y().getNumElements(); i++) {
            double v = data.y().data[i];
            if (v != 0 && v != 1) {
                return false;
            }
        }
        return true;
    }

    /**
     * ‖g_i‖ = ‖∇θ L_i‖ at θ for the examples {@code rows} of the data, in that order: how hard
     * each example pulls on the update (NaN for all where θ is not finite).
     */
    public static double[] gradientNorms(Model model, Parameters theta, DataSet data, int[] rows) {
        if (!theta.isFinite()) {
            double[] none = new double[rows.length];
            java.util.Arrays.fill(none, Double.NaN);
            return none;
        }
        return ExampleGradients.norms(model, theta, LabData.batch(data).rows(rows));
    }

    /** The data's bounding box, widened by 10 % on each side: [x0, x1, y0, y1]. */
    public static double[] box(DataSet data) {
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < data.size(); i++) {
            x0 = Math.min(x0, data.x().get(i, 0));
            x1 = Math.max(x1, data.x().get(i, 0));
            y0 = Math.min(y0, data.x().get(i, 1));
            y1 = Math.max(y1, data.x().get(i, 1));
        }
        double px = 0.1 * Math.max(x1 - x0, 1e-6);
        double py = 0.1 * Math.max(y1 - y0, 1e-6);
        return new double[] {x0 - px, x1 + px, y0 - py, y1 + py};
    }
}
