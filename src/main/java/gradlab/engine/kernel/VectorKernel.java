package gradlab.engine.kernel;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The products with the Vector API. Both are one loop nest: C is cut into register blocks of
 * 4 rows × 4 vectors of columns (2 with vectors narrower than 512 bits, then 1), each summed
 * over p with fused multiply-adds, in the same order as the plain kernel (p ascending), only
 * fused; the last columns, fewer than a vector, sum in vector lanes. A·B and Aᵀ·B differ only in
 * how A is read: A's entry for row r of C and step p of the sum is a[r·rs + p·ps]. The sum over
 * p runs in slices, so that the rows of A and B that every block reads again stay in the core's
 * own cache; a product that φ or φ' follows gets them row block by row block, while the rows are
 * still there.
 */
public final class VectorKernel implements Kernel {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** 4 × 4 blocks need 16 accumulators and 5 more registers: AVX-512 has 32, AVX2 16. */
    private static final boolean WIDE = S.vectorBitSize() >= 512;
    /** The slice of p (the batch, in Aᵀ·B) summed before the next block of C. */
    static final int K_SLICE = 64;

    /** What is done to an entry of the product before it is stored. */
    private enum Finish { NONE, TANH, TANH_SLOPE }

    @Override
    public void mult(double[] a, double[] b, double[] bias, double[] c, int m, int k, int n) {
        product(a, k, 1, b, bias, c, m, k, n, Finish.NONE, null);
    }

    @Override
    public void multTanh(double[] a, double[] b, double[] bias, double[] c, int m, int k, int n) {
        product(a, k, 1, b, bias, c, m, k, n, Finish.TANH, null);
    }

    @Override
    public void multTanhSlope(double[] a, double[] b, double[] c, int m, int k, int n, double[] t) {
        product(a, k, 1, b, null, c, m, k, n, Finish.TANH_SLOPE, t);
    }

    @Override
    public void multTransA(double[] a, double[] b, double[] c, int m, int k, int n) {
        if (n < L && m >= L) {
            // few columns, many rows: Cᵀ = Bᵀ·A runs along the rows; then transpose it into C
            double[] t = new double[n * m];
            product(b, 1, n, a, null, t, n, k, m, Finish.NONE, null);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    c[i * n + j] = t[j * m + i];
                }
            }
            return;
        }
        product(a, 1, m, b, null, c, m, k, n, Finish.NONE, null);
    }

    /** C = A·B + 1·biasᵀ (bias may be null), then its finish; A read at a[r·rs + p·ps]. */
    private static void product(double[] a, int rs, int ps, double[] b, double[] bias, double[] c, int m, int k,
            int n, Finish finish, double[] t) {
        if (k == 0) {
            // an empty sum: C is the bias (or 0), finished
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    c[i * n + j] = finish(bias == null ? 0.0 : bias[j], i * n + j, finish, t);
                }
            }
            return;
        }
        int nv = n - n % L;
        int mb = m - m % 4;
        for (int p0 = 0; p0 < k; p0 += K_SLICE) {
            int p1 = Math.min(k, p0 + K_SLICE);
            boolean last = p1 == k;
            for (int i = 0; i < mb; i += 4) {
                int j = 0;
                for (; WIDE && j + 4 * L <= nv; j += 4 * L) {
                    block4x4(a, rs, ps, b, bias, c, n, i, j, p0, p1);
                }
                for (; j + 2 * L <= nv; j += 2 * L) {
                    block4x2(a, rs, ps, b, bias, c, n, i, j, p0, p1);
                }
                for (; j < nv; j += L) {
                    block4x1(a, rs, ps, b, bias, c, n, i, j, p0, p1);
                }
                if (last && finish != Finish.NONE) {
                    finish(c, i, i + 4, n, nv, finish, t);
                }
            }
            for (int i = mb; i < m; i++) {
                // the last rows, one at a time
                int j = 0;
                for (; j + 4 * L <= nv; j += 4 * L) {
                    block1x4(a, rs, ps, b, bias, c, n, i, j, p0, p1);
                }
                for (; j < nv; j += L) {
                    block1x1(a, rs, ps, b, bias, c, n, i, j, p0, p1);
                }
                if (last && finish != Finish.NONE) {
                    finish(c, i, i + 1, n, nv, finish, t);
                }
            }
        }
        if (nv < n) {
            columns(a, rs, ps, b, bias, c, m, k, n, nv, finish, t);
        }
    }

    /**
     * Where a block's sums start: the bias (or 0) before the first slice of p, else the sums so far.
     */
    private static DoubleVector start(double[] c, int at, double[] bias, int j, int p0) {
        if (p0 > 0) {
            return DoubleVector.fromArray(S, c, at);
        }
        return bias == null ? DoubleVector.zero(S) : DoubleVector.fromArray(S, bias, j);
    }

    /** C[i..i+3, j..j+4L) += Σ_{p0 ≤ p < p1} A[i..i+3, p] · B[p, j..j+4L): 4 loads, 4 broadcasts, 16 fmas a step. */
    private static void block4x4(double[] a, int rs, int ps, double[] b, double[] bias, double[] c, int n, int i,
            int j, int p0, int p1) {
        int o0 = i * n + j;
        int o1 = o0 + n;
        int o2 = o1 + n;
        int o3 = o2 + n;
        DoubleVector c00 = start(c, o0, bias, j, p0);
        DoubleVector c01 = start(c, o0 + L, bias, j + L, p0);
        DoubleVector c02 = start(c, o0 + 2 * L, bias, j + 2 * L, p0);
        DoubleVector c03 = start(c, o0 + 3 * L, bias, j + 3 * L, p0);
        DoubleVector c10 = start(c, o1, bias, j, p0);
        DoubleVector c11 = start(c, o1 + L, bias, j + L, p0);
        DoubleVector c12 = start(c, o1 + 2 * L, bias, j + 2 * L, p0);
        DoubleVector c13 = start(c, o1 + 3 * L, bias, j + 3 * L, p0);
        DoubleVector c20 = start(c, o2, bias, j, p0);
        DoubleVector c21 = start(c, o2 + L, bias, j + L, p0);
        DoubleVector c22 = start(c, o2 + 2 * L, bias, j + 2 * L, p0);
        DoubleVector c23 = start(c, o2 + 3 * L, bias, j + 3 * L, p0);
        DoubleVector c30 = start(c, o3, bias, j, p0);
        DoubleVector c31 = start(c, o3 + L, bias, j + L, p0);
        DoubleVector c32 = start(c, o3 + 2 * L, bias, j + 2 * L, p0);
        DoubleVector c33 = start(c, o3 + 3 * L, bias, j + 3 * L, p0);
        for (int p = p0; p < p1; p++) {
            int bp = p * n + j;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            DoubleVector b2 = DoubleVector.fromArray(S, b, bp + 2 * L);
            DoubleVector b3 = DoubleVector.fromArray(S, b, bp + 3 * L);
            int ap = i * rs + p * ps;
            DoubleVector x = DoubleVector.broadcast(S, a[ap]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            c02 = b2.fma(x, c02);
            c03 = b3.fma(x, c03);
            x = DoubleVector.broadcast(S, a[ap + rs]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            c12 = b2.fma(x, c12);
            c13 = b3.fma(x, c13);
            x = DoubleVector.broadcast(S, a[ap + 2 * rs]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            c22 = b2.fma(x, c22);
            c23 = b3.fma(x, c23);
            x = DoubleVector.broadcast(S, a[ap + 3 * rs]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
            c32 = b2.fma(x, c32);
            c33 = b3.fma(x, c33);
        }
        c00.intoArray(c, o0);
        c01.intoArray(c, o0 + L);
        c02.intoArray(c, o0 + 2 * L);
        c03.intoArray(c, o0 + 3 * L);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + L);
        c12.intoArray(c, o1 + 2 * L);
        c13.intoArray(c, o1 + 3 * L);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + L);
        c22.intoArray(c, o2 + 2 * L);
        c23.intoArray(c, o2 + 3 * L);
        c30.intoArray(c, o3);
        c31.intoArray(c, o3 + L);
        c32.intoArray(c, o3 + 2 * L);
        c33.intoArray(c, o3 + 3 * L);
    }

    /** C[i..i+3, j..j+2L) += Σ_p A[i..i+3, p] · B[p, j..j+2L): 2 loads, 4 broadcasts, 8 fmas a step. */
    private static void block4x2(double[] a, int rs, int ps, double[] b, double[] bias, double[] c, int n, int i,
            int j, int p0, int p1) {
        int o0 = i * n + j;
        int o1 = o0 + n;
        int o2 = o1 + n;
        int o3 = o2 + n;
        DoubleVector c00 = start(c, o0, bias, j, p0);
        DoubleVector c01 = start(c, o0 + L, bias, j + L, p0);
        DoubleVector c10 = start(c, o1, bias, j, p0);
        DoubleVector c11 = start(c, o1 + L, bias, j + L, p0);
        DoubleVector c20 = start(c, o2, bias, j, p0);
        DoubleVector c21 = start(c, o2 + L, bias, j + L, p0);
        DoubleVector c30 = start(c, o3, bias, j, p0);
        DoubleVector c31 = start(c, o3 + L, bias, j + L, p0);
        for (int p = p0; p < p1; p++) {
            int bp = p * n + j;
            DoubleVector b0 = DoubleVector.fromArray(S, b, bp);
            DoubleVector b1 = DoubleVector.fromArray(S, b, bp + L);
            int ap = i * rs + p * ps;
            DoubleVector x = DoubleVector.broadcast(S, a[ap]);
            c00 = b0.fma(x, c00);
            c01 = b1.fma(x, c01);
            x = DoubleVector.broadcast(S, a[ap + rs]);
            c10 = b0.fma(x, c10);
            c11 = b1.fma(x, c11);
            x = DoubleVector.broadcast(S, a[ap + 2 * rs]);
            c20 = b0.fma(x, c20);
            c21 = b1.fma(x, c21);
            x = DoubleVector.broadcast(S, a[ap + 3 * rs]);
            c30 = b0.fma(x, c30);
            c31 = b1.fma(x, c31);
        }
        c00.intoArray(c, o0);
        c01.intoArray(c, o0 + L);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + L);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + L);
        c30.intoArray(c, o3);
        c31.intoArray(c, o3 + L);
    }

    /** C[i..i+3, j..j+L) += Σ_p A[i..i+3, p] · B[p, j..j+L). */
    private static void block4x1(double[] a, int rs, int ps, double[] b, double[] bias, double[] c, int n, int i,
            int j, int p0, int p1) {
        int o0 = i * n + j;
        DoubleVector c0 = start(c, o0, bias, j, p0);
        DoubleVector c1 = start(c, o0 + n, bias, j, p0);
        DoubleVector c2 = start(c, o0 + 2 * n, bias, j, p0);
        DoubleVector c3 = start(c, o0 + 3 * n, bias, j, p0);
        for (int p = p0; p < p1; p++) {
            DoubleVector bv = DoubleVector.fromArray(S, b, p * n + j);
            int ap = i * rs + p * ps;
            c0 = bv.fma(DoubleVector.broadcast(S, a[ap]), c0);
            c1 = bv.fma(DoubleVector.broadcast(S, a[ap + rs]), c1);
            c2 = bv.fma(DoubleVector.broadcast(S, a[ap + 2 * rs]), c2);
            c3 = bv.fma(DoubleVector.broadcast(S, a[ap + 3 * rs]), c3);
        }
        c0.intoArray(c, o0);
        c1.intoArray(c, o0 + n);
        c2.intoArray(c, o0 + 2 * n);
        c3.intoArray(c, o0 + 3 * n);
    }

    /** C[i, j..j+4L) += Σ_p A[i, p] · B[p, j..j+4L): one row, four sums in flight. */
    private static void block1x4(double[] a, int rs, int ps, double[] b, double[] bias, double[] c, int n, int i,
            int j, int p0, int p1) {
        int o = i * n + j;
        DoubleVector c0 = start(c, o, bias, j, p0);
        DoubleVector c1 = start(c, o + L, bias, j + L, p0);
        DoubleVector c2 = start(c, o + 2 * L, bias, j + 2 * L, p0);
        DoubleVector c3 = start(c, o + 3 * L, bias, j + 3 * L, p0);
        for (int p = p0; p < p1; p++) {
            DoubleVector x = DoubleVector.broadcast(S, a[i * rs + p * ps]);
            int bp = p * n + j;
            c0 = DoubleVector.fromArray(S, b, bp).fma(x, c0);
            c1 = DoubleVector.fromArray(S, b, bp + L).fma(x, c1);
            c2 = DoubleVector.fromArray(S, b, bp + 2 * L).fma(x, c2);
            c3 = DoubleVector.fromArray(S, b, bp + 3 * L).fma(x, c3);
        }
        c0.intoArray(c, o);
        c1.intoArray(c, o + L);
        c2.intoArray(c, o + 2 * L);
        c3.intoArray(c, o + 3 * L);
    }

    /** C[i, j..j+L) += Σ_p A[i, p] · B[p, j..j+L). */
    private static void block1x1(double[] a, int rs, int ps, double[] b, double[] bias, double[] c, int n, int i,
            int j, int p0, int p1) {
        DoubleVector acc = start(c, i * n + j, bias, j, p0);
        for (int p = p0; p < p1; p++) {
            acc = DoubleVector.fromArray(S, b, p * n + j).fma(DoubleVector.broadcast(S, a[i * rs + p * ps]), acc);
        }
        acc.intoArray(c, i * n + j);
    }

    /**
     * Columns from..n-1 of C (fewer than a vector's width): each of B's columns copied out once,
     * then its dot product with every row of A (a vector one where A's rows are contiguous).
     */
    private static void columns(double[] a, int rs, int ps, double[] b, double[] bias, double[] c, int m, int k,
            int n, int from, Finish finish, double[] t) {
        double[] col = new double[k];
        double[] lanes = new double[L];
        int kv = ps == 1 ? k - k % L : 0;
        for (int j = from; j < n; j++) {
            for (int p = 0; p < k; p++) {
                col[p] = b[p * n + j];
            }
            for (int i = 0; i < m; i++) {
                int ai = i * rs;
                DoubleVector acc = DoubleVector.zero(S);
                for (int p = 0; p < kv; p += L) {
                    acc = DoubleVector.fromArray(S, a, ai + p).fma(DoubleVector.fromArray(S, col, p), acc);
                }
                // the lanes added in order: reduceLanes leaves its order to the JIT
                acc.intoArray(lanes, 0);
                double s = 0;
                for (double lane : lanes) {
                    s += lane;
                }
                for (int p = kv; p < k; p++) {
                    s = Math.fma(a[ai + p * ps], col[p], s);
                }
                c[i * n + j] = finish(s + (bias == null ? 0.0 : bias[j]), i * n + j, finish, t);
            }
        }
    }

    /**
     * Columns 0..nv-1 of rows from..to-1 of C, just computed, after their finish: φ = tanh, or
     * × φ' = 1 − t². A method of its own, so that the register blocks stay small enough for the
     * compiler to keep in registers.
     */
    private static void finish(double[] c, int from, int to, int n, int nv, Finish finish, double[] t) {
        // the rows' vector columns, in one run when they fill the rows
        int runs = nv == n ? 1 : to - from;
        int length = nv == n ? (to - from) * n : nv;
        for (int run = 0; run < runs; run++) {
            int start = (from + run) * n;
            if (finish == Finish.TANH) {
                tanh(c, c, start, start + length);
            } else {
                DoubleVector one = DoubleVector.broadcast(S, 1.0);
                for (int at = start; at < start + length; at += L) {
                    DoubleVector out = DoubleVector.fromArray(S, t, at);
                    DoubleVector.fromArray(S, c, at).mul(one.sub(out.mul(out))).intoArray(c, at);
                }
            }
        }
    }

    /** The scalar {@link #finish}, for the columns past the last whole vector. */
    private static double finish(double v, int at, Finish finish, double[] t) {
        if (finish == Finish.TANH) {
            return gradlab.engine.Activation.tanh(v);
        }
        if (finish == Finish.TANH_SLOPE) {
            return v * (1.0 - t[at] * t[at]);
        }
        return v;
    }

    @Override
    public void tanh(double[] in, double[] out, int count) {
        int whole = count - count % L;
        tanh(in, out, 0, whole);
        for (int i = whole; i < count; i++) {
            out[i] = gradlab.engine.Activation.tanh(in[i]);
        }
    }

    /**
     * out[i] = tanh(in[i]) for from ≤ i < to (whole vectors; in and out may be the same array),
     * as (e^{2z} − 1)/(e^{2z} − 1 + 2), with e^{2z} − 1 from {@link #expm1}, which keeps its digits
     * near z = 0 where e^{2z} − 1 would cancel.
     */
    private static void tanh(double[] in, double[] out, int from, int to) {
        for (int i = from; i < to; i += L) {
            // beyond ±40, 2z gives ±1 anyway
            DoubleVector e = expm1(DoubleVector.fromArray(S, in, i).mul(2.0).max(-40.0).min(40.0));
            e.div(e.add(2.0)).intoArray(out, i);
        }
    }

    private static final double LOG2E = 1.4426950408889634;
    /** ln 2 in two parts, the first with its low 32 bits zero, so that n · LN2_HI is exact. */
    private static final double LN2_HI = 0.6931471803691238;
    private static final double LN2_LO = 1.9082149292705877e-10;
    /** Adding 1.5·2⁵² rounds a double below 2⁵¹ to a whole number, which lands in the low bits. */
    private static final double ROUND = 0x1.8p52;
    private static final long EXPONENT_BIAS = Double.doubleToRawLongBits(ROUND) - 1023;
    /** 1/k! for k = 0..14: e^r − 1 to within 2e-17 of itself for |r| ≤ ln2/2. */
    private static final double[] TAYLOR = new double[15];

    static {
        double factorial = 1;
        for (int k = 0; k < TAYLOR.length; k++) {
            factorial *= Math.max(1, k);
            TAYLOR[k] = 1 / factorial;
        }
    }

    /**
     * e^x − 1 for |x| ≤ 40, as 2^n (e^r − 1) + (2^n − 1) with x = n ln2 + r and e^r − 1 a series
     * without its constant term. Written out rather than the Vector API's EXP, whose result
     * depends on whether the JIT has compiled the caller yet: this one uses only exactly rounded
     * operations, so the same query gives the same bytes.
     */
    private static DoubleVector expm1(DoubleVector x) {
        DoubleVector rounded = x.mul(LOG2E).add(ROUND);
        DoubleVector n = rounded.sub(ROUND);
        DoubleVector r = x.sub(n.mul(LN2_HI)).sub(n.mul(LN2_LO));
        // e^r − 1 = r (1 + r/2! + r²/3! + …)
        DoubleVector q = DoubleVector.broadcast(S, TAYLOR[TAYLOR.length - 1]);
        for (int k = TAYLOR.length - 2; k >= 1; k--) {
            q = q.fma(r, DoubleVector.broadcast(S, TAYLOR[k]));
        }
        q = q.mul(r);
        // 2^n: n + 1023 moved into the exponent's bits
        DoubleVector twoToN = rounded.viewAsIntegralLanes().sub(EXPONENT_BIAS).lanewise(VectorOperators.LSHL, 52)
                .viewAsFloatingLanes();
        return q.fma(twoToN, twoToN.sub(1.0));
    }

    @Override
    public void columnSums(double[] a, int m, int n, double[] sums) {
        int nv = n - n % L;
        for (int j = 0; j < nv; j += L) {
            DoubleVector acc = DoubleVector.fromArray(S, sums, j);
            for (int i = 0; i < m; i++) {
                acc = acc.add(DoubleVector.fromArray(S, a, i * n + j));
            }
            acc.intoArray(sums, j);
        }
        for (int j = nv; j < n; j++) {
            double s = sums[j];
            for (int i = 0; i < m; i++) {
                s += a[i * n + j];
            }
            sums[j] = s;
        }
    }
}
