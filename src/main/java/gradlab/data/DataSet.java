package gradlab.data;

import java.util.List;

import org.ejml.data.DMatrixRMaj;

/**
 * A table of examples: inputs x (one row per example) and targets y, with column names.
 *
 * @param x           n × inputs
 * @param y           n × targets
 * @param inputNames  one name per column of x
 * @param targetNames one name per column of y
 */
public record DataSet(DMatrixRMaj x, DMatrixRMaj y, List<String> inputNames, List<String> targetNames) {
    public DataSet {
        if (x.numRows != y.numRows) {
            throw new IllegalArgumentException("x has " + x.numRows + " rows, y has " + y.numRows);
        }
        if (inputNames.size() != x.numCols || targetNames.size() != y.numCols) {
            throw new IllegalArgumentException("one name per column");
        }
        inputNames = List.copyOf(inputNames);
        targetNames = List.copyOf(targetNames);
    }

    public int size() {
        return x.numRows;
    }

    public int inputs() {
        return x.numCols;
    }

    public int targets() {
        return y.numCols;
    }

    /** The first n examples. */
    public DataSet head(int n) {
        if (n >= size()) {
            return this;
        }
        DMatrixRMaj hx = new DMatrixRMaj(n, inputs());
        DMatrixRMaj hy = new DMatrixRMaj(n, targets());
        System.arraycopy(x.data, 0, hx.data, 0, n * inputs());
        System.arraycopy(y.data, 0, hy.data, 0, n * targets());
        return new DataSet(hx, hy, inputNames, targetNames);
    }

    /** Whether every target lies in [0, 1] (what bce needs). */
    public boolean targetsInUnitInterval() {
        for (int i = 0; i < y.getNumElements(); i++) {
            if (!(y.data[i] >= 0 && y.data[i] <= 1)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first row (1-based) whose targets are not a distribution (some value below 0, or a
     * sum other than 1 within 1e-9), or 0 when every row is one (what ce needs).
     */
    public int firstRowNotADistribution() {
        int k = targets();
        for (int i = 0; i < size(); i++) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                double v = y.data[i * k + j];
                if (v < 0) {
                    return i + 1;
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > 1e-9) {
                return i + 1;
            }
        }
        return 0;
    }
}
