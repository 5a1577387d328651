package gradlab.engine.kernel;

/**
 * The products as plain loops, ordered so that the innermost loop runs along a row of the
 * output (the JIT can vectorise that one by itself).
 */
public final class PlainKernel implements Kernel {
    @Override
    public void mult(double[] a, double[] b, double[] bias, double[] c, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            if (bias == null) {
                java.util.Arrays.fill(c, ci, ci + n, 0.0);
            } else {
                System.arraycopy(bias, 0, c, ci, n);
            }
            for (int p = 0; p < k; p++) {
                // C[i,:] += A[i,p] · B[p,:]
                double aip = a[i * k + p];
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    @Override
    public void multTransA(double[] a, double[] b, double[] c, int m, int k, int n) {
        java.util.Arrays.fill(c, 0, m * n, 0.0);
        for (int p = 0; p < k; p++) {
            int ap = p * m;
            int bp = p * n;
            for (int i = 0; i < m; i++) {
                // C[i,:] += A[p,i] · B[p,:]
                double api = a[ap + i];
                int ci = i * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += api * b[bp + j];
                }
            }
        }
    }

    @Override
    public void tanh(double[] in, double[] out, int count) {
        for (int i = 0; i < count; i++) {
            out[i] = gradlab.engine.Activation.tanh(in[i]);
        }
    }
}
