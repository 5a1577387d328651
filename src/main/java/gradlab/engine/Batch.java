package gradlab.engine;

import org.ejml.data.DMatrixRMaj;

/**
 * N examples as rows: inputs x (N × d_0) and targets y (N × d_L).
 */
public record Batch(DMatrixRMaj x, DMatrixRMaj y) {
    public Batch {
        if (x.numRows != y.numRows) {
            throw new IllegalArgumentException("x has " + x.numRows + " rows, y has " + y.numRows);
        }
        if (x.numRows == 0) {
            throw new IllegalArgumentException("a batch holds at least one example");
        }
    }

    public int size() {
        return x.numRows;
    }

    public int inputs() {
        return x.numCols;
    }

    public int outputs() {
        return y.numCols;
    }

    /** The examples from..to-1, in order. */
    public Batch slice(int from, int to) {
        return rows(range(from, to));
    }

    /** The examples with the given indices, in that order. */
    public Batch rows(int[] indices) {
        return new Batch(pick(x, indices), pick(y, indices));
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    private static DMatrixRMaj pick(DMatrixRMaj m, int[] indices) {
        DMatrixRMaj out = new DMatrixRMaj(indices.length, m.numCols);
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(m.data, indices[i] * m.numCols, out.data, i * m.numCols, m.numCols);
        }
        return out;
    }
}
