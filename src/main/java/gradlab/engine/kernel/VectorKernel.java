package gradlab.engine.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The products with the Vector API: a register block of 4 output rows × two vectors of
 * columns (then one), accumulated with fused multiply-adds, the edges done in plain loops. The sums
 * are taken in the same order as the plain kernel (p ascending), only fused.
 */
public final class VectorKernel implements Kernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public void mult(double[] a, double[] b, double[] bias, double[] c, int m, int k, int n) {
        int nv2 = n - n % (2 * L);
        int nv = n - n % L;
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int a0 = i * k;
            int a1 = a0 + k;
            int a2 = a1 + k;
            int a3 = a2 + k;
            int j = 0;
            // 4 rows × 2 vectors: 8 accumulators, 2 loads and 4 broadcasts per 8 fused multiply-adds
            for (; j < nv2; j += 2 * L) {
                DoubleVector i0 = bias == null ? DoubleVector.zero(S) : DoubleVector.fromArray(S, bias, j);
                DoubleVector i1 = bias == null ? DoubleVector.zero(S) : DoubleVector.fromArray(S, bias, j + L);
                DoubleVector c00 = i0;
                DoubleVector c01 = i1;
                DoubleVector c10 = i0;
                DoubleVector c11 = i1;
                DoubleVector c20 = i0;
                DoubleVector c21 = i1;
                DoubleVector c30 = i0;
                DoubleVector c31 = i1;
                for (int p = 0; p < k; p++) {
                    DoubleVector b0 = DoubleVector.fromArray(S, b, p * n + j);
                    DoubleVector b1 = DoubleVector.fromArray(S, b, p * n + j + L);
                    // C[i..i+3, j..j+2L] += A[i..i+3, p] · B[p, j..j+2L]
                    DoubleVector x0 = DoubleVector.broadcast(S, a[a0 + p]);
                    DoubleVector x1 = DoubleVector.broadcast(S, a[a1 + p]);
                    DoubleVector x2 = DoubleVector.broadcast(S, a[a2 + p]);
                    DoubleVector x3 = DoubleVector.broadcast(S, a[a3 + p]);
                    c00 = b0.fma(x0, c00);
                    c01 = b1.fma(x0, c01);
                    c10 = b0.fma(x1, c10);
                    c11 = b1.fma(x1, c11);
                    c20 = b0.fma(x2, c20);
                    c21 = b1.fma(x2, c21);
                    c30 = b0.fma(x3, c30);
                    c31 = b1.fma(x3, c31);
                }
                c00.intoArray(c, i * n + j);
                c01.intoArray(c, i * n + j + L);
                c10.intoArray(c, (i + 1) * n + j);
                c11.intoArray(c, (i + 1) * n + j + L);
                c20.intoArray(c, (i + 2) * n + j);
                c21.intoArray(c, (i + 2) * n + j + L);
                c30.intoArray(c, (i + 3) * n + j);
                c31.intoArray(c, (i + 3) * n + j + L);
            }
            for (; j < nv; j += L) {
                DoubleVector init = bias == null ? DoubleVector.zero(S) : DoubleVector.fromArray(S, bias, j);
                DoubleVector c0 = init;
                DoubleVector c1 = init;
                DoubleVector c2 = init;
                DoubleVector c3 = init;
                for (int p = 0; p < k; p++) {
                    DoubleVector bv = DoubleVector.fromArray(S, b, p * n + j);
                    c0 = bv.fma(DoubleVector.broadcast(S, a[a0 + p]), c0);
                    c1 = bv.fma(DoubleVector.broadcast(S, a[a1 + p]), c1);
                    c2 = bv.fma(DoubleVector.broadcast(S, a[a2 + p]), c2);
                    c3 = bv.fma(DoubleVector.broadcast(S, a[a3 + p]), c3);
                }
                c0.intoArray(c, i * n + j);
                c1.intoArray(c, (i + 1) * n + j);
                c2.intoArray(c, (i + 2) * n + j);
                c3.intoArray(c, (i + 3) * n + j);
            }
        }
        for (; i < m; i++) {
            // the last rows, one at a time, still a vector of columns at a time
            for (int j = 0; j < nv; j += L) {
                DoubleVector acc = bias == null ? DoubleVector.zero(S) : DoubleVector.fromArray(S, bias, j);
                for (int p = 0; p < k; p++) {
                    acc = DoubleVector.fromArray(S, b, p * n + j).fma(DoubleVector.broadcast(S, a[i * k + p]), acc);
                }
                acc.intoArray(c, i * n + j);
            }
        }
        if (nv < n) {
            columns(a, b, bias, c, m, k, n, nv);
        }
    }

    /**
     * Columns from..n-1 of C = A·B + bias (fewer than a vector's width): each of B's columns
     * copied out once, then a vector dot product with every row of A.
     */
    private static void columns(double[] a, double[] b, double[] bias, double[] c, int m, int k, int n, int from) {
        double[] col = new double[k];
        int kv = k - k % L;
        for (int j = from; j < n; j++) {
            for (int p = 0; p < k; p++) {
                col[p] = b[p * n + j];
            }
            for (int i = 0; i < m; i++) {
                DoubleVector acc = DoubleVector.zero(S);
                int ai = i * k;
                for (int p = 0; p < kv; p += L) {
                    acc = DoubleVector.fromArray(S, a, ai + p).fma(DoubleVector.fromArray(S, col, p), acc);
                }
                double s = acc.reduceLanes(VectorOperators.ADD);
                for (int p = kv; p < k; p++) {
                    s = Math.fma(a[ai + p], col[p], s);
                }
                c[i * n + j] = s + (bias == null ? 0.0 : bias[j]);
            }
        }
    }

    @Override
    public void multTransA(double[] a, double[] b, double[] c, int m, int k, int n) {
        if (n < L && m >= L) {
            // few columns, many rows: Cᵀ = Bᵀ·A runs along the rows; then transpose it into C
            double[] t = new double[n * m];
            multTransA(b, a, t, n, k, m);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    c[i * n + j] = t[j * m + i];
                }
            }
            return;
        }
        int nv2 = n - n % (2 * L);
        int nv = n - n % L;
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int j = 0;
            for (; j < nv2; j += 2 * L) {
                DoubleVector c00 = DoubleVector.zero(S);
                DoubleVector c01 = DoubleVector.zero(S);
                DoubleVector c10 = DoubleVector.zero(S);
                DoubleVector c11 = DoubleVector.zero(S);
                DoubleVector c20 = DoubleVector.zero(S);
                DoubleVector c21 = DoubleVector.zero(S);
                DoubleVector c30 = DoubleVector.zero(S);
                DoubleVector c31 = DoubleVector.zero(S);
                for (int p = 0; p < k; p++) {
                    DoubleVector b0 = DoubleVector.fromArray(S, b, p * n + j);
                    DoubleVector b1 = DoubleVector.fromArray(S, b, p * n + j + L);
                    int ap = p * m + i;
                    // C[i..i+3, j..j+2L] += A[p, i..i+3] · B[p, j..j+2L]
                    DoubleVector x0 = DoubleVector.broadcast(S, a[ap]);
                    DoubleVector x1 = DoubleVector.broadcast(S, a[ap + 1]);
                    DoubleVector x2 = DoubleVector.broadcast(S, a[ap + 2]);
                    DoubleVector x3 = DoubleVector.broadcast(S, a[ap + 3]);
                    c00 = b0.fma(x0, c00);
                    c01 = b1.fma(x0, c01);
                    c10 = b0.fma(x1, c10);
                    c11 = b1.fma(x1, c11);
                    c20 = b0.fma(x2, c20);
                    c21 = b1.fma(x2, c21);
                    c30 = b0.fma(x3, c30);
                    c31 = b1.fma(x3, c31);
                }
                c00.intoArray(c, i * n + j);
                c01.intoArray(c, i * n + j + L);
                c10.intoArray(c, (i + 1) * n + j);
                c11.intoArray(c, (i + 1) * n + j + L);
                c20.intoArray(c, (i + 2) * n + j);
                c21.intoArray(c, (i + 2) * n + j + L);
                c30.intoArray(c, (i + 3) * n + j);
                c31.intoArray(c, (i + 3) * n + j + L);
            }
            for (; j < nv; j += L) {
                DoubleVector c0 = DoubleVector.zero(S);
                DoubleVector c1 = DoubleVector.zero(S);
                DoubleVector c2 = DoubleVector.zero(S);
                DoubleVector c3 = DoubleVector.zero(S);
                for (int p = 0; p < k; p++) {
                    DoubleVector bv = DoubleVector.fromArray(S, b, p * n + j);
                    int ap = p * m + i;
                    c0 = bv.fma(DoubleVector.broadcast(S, a[ap]), c0);
                    c1 = bv.fma(DoubleVector.broadcast(S, a[ap + 1]), c1);
                    c2 = bv.fma(DoubleVector.broadcast(S, a[ap + 2]), c2);
                    c3 = bv.fma(DoubleVector.broadcast(S, a[ap + 3]), c3);
                }
                c0.intoArray(c, i * n + j);
                c1.intoArray(c, (i + 1) * n + j);
                c2.intoArray(c, (i + 2) * n + j);
                c3.intoArray(c, (i + 3) * n + j);
            }
            for (int r = i; r < i + 4; r++) {
                tailTransA(a, b, c, r, m, k, n, nv);
            }
        }
        for (; i < m; i++) {
            // the last rows, one at a time, still a vector of columns at a time
            for (int j = 0; j < nv; j += L) {
                DoubleVector acc = DoubleVector.zero(S);
                for (int p = 0; p < k; p++) {
                    acc = DoubleVector.fromArray(S, b, p * n + j).fma(DoubleVector.broadcast(S, a[p * m + i]), acc);
                }
                acc.intoArray(c, i * n + j);
            }
            tailTransA(a, b, c, i, m, k, n, nv);
        }
    }

    private static void tailTransA(double[] a, double[] b, double[] c, int r, int m, int k, int n, int from) {
        for (int j = from; j < n; j++) {
            double s = 0.0;
            for (int p = 0; p < k; p++) {
                s = Math.fma(a[p * m + r], b[p * n + j], s);
            }
            c[r * n + j] = s;
        }
    }

    /**
     * tanh lane by lane as {@link gradlab.engine.Activation#tanh} computes it: the series below
     * |z| = 0.1, 1 − 2/(e^{2z} + 1) above (the vector exp).
     */
    @Override
    public void tanh(double[] in, double[] out, int count) {
        int i = 0;
        for (; i + L <= count; i += L) {
            DoubleVector z = DoubleVector.fromArray(S, in, i);
            DoubleVector a = z.abs();
            DoubleVector z2 = z.mul(z);
            DoubleVector series = z2.mul(-929569.0 / 638512875).add(21844.0 / 6081075).mul(z2).add(-1382.0 / 155925)
                    .mul(z2).add(62.0 / 2835).mul(z2).add(-17.0 / 315).mul(z2).add(2.0 / 15).mul(z2).add(-1.0 / 3)
                    .mul(z2).add(1.0).mul(z);
            // 1 − 2/(e^{2z} + 1) holds for either sign of z; for |z| > 354 e is ∞ or 0 and it gives ±1
            DoubleVector e = z.mul(2.0).lanewise(VectorOperators.EXP);
            DoubleVector big = DoubleVector.broadcast(S, 1.0).sub(DoubleVector.broadcast(S, 2.0).div(e.add(1.0)));
            big.blend(series, a.compare(VectorOperators.LT, 0.1)).intoArray(out, i);
        }
        for (; i < count; i++) {
            out[i] = gradlab.engine.Activation.tanh(in[i]);
        }
    }
}
