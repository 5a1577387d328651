package gradlab.engine;

/**
 * The per-example loss ℓ(ψ(z), y), summed over the k output units, with its output error
 * δ = ∂ℓ/∂z taken with respect to the logits z of the last layer (so that bce and ce stay
 * finite for any z). Rows are read from flat arrays at an offset, so a matrix row serves
 * as well as a vector.
 */
public enum Loss {
    /** Σ (ŷ − y)². */
    MSE("mse") {
        @Override public double value(double[] z, int zo, double[] y, int yo, int k) {
            double s = 0;
            for (int j = 0; j < k; j++) {
                double r = z[zo + j] - y[yo + j];
                s += r * r;
            }
            return s;
        }
        @Override public void outputError(double[] z, int zo, double[] y, int yo, int k, double[] d, int doff, double scale) {
            for (int j = 0; j < k; j++) {
                d[doff + j] = scale * 2.0 * (z[zo + j] - y[yo + j]);
            }
        }
    },
    /** Σ |ŷ − y|, with sign(0) = 0. */
    MAE("mae") {
        @Override public double value(double[] z, int zo, double[] y, int yo, int k) {
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += Math.abs(z[zo + j] - y[yo + j]);
            }
            return s;
        }
        @Override public void outputError(double[] z, int zo, double[] y, int yo, int k, double[] d, int doff, double scale) {
            for (int j = 0; j < k; j++) {
                d[doff + j] = scale * Math.signum(z[zo + j] - y[yo + j]);
            }
        }
        @Override public boolean hasKink() { return true; }
    },
    /** Σ ½r² where |r| ≤ 1, else |r| − ½. */
    HUBER("huber") {
        @Override public double value(double[] z, int zo, double[] y, int yo, int k) {
            double s = 0;
            for (int j = 0; j < k; j++) {
                double r = z[zo + j] - y[yo + j];
                double a = Math.abs(r);
                s += a <= 1.0 ? 0.5 * r * r : a - 0.5;
            }
            return s;
        }
        @Override public void outputError(double[] z, int zo, double[] y, int yo, int k, double[] d, int doff, double scale) {
            for (int j = 0; j < k; j++) {
                double r = z[zo + j] - y[yo + j];
                d[doff + j] = scale * (Math.abs(r) <= 1.0 ? r : Math.signum(r));
            }
        }
    },
    /** Σ (y − ŷ): the linear cost, unbounded below; its output error is −1 everywhere. */
    LINEAR("linear") {
        @Override public double value(double[] z, int zo, double[] y, int yo, int k) {
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += y[yo + j] - z[zo + j];
            }
            return s;
        }
        @Override public void outputError(double[] z, int zo, double[] y, int yo, int k, double[] d, int doff, double scale) {
            for (int j = 0; j < k; j++) {
                d[doff + j] = -scale;
            }
        }
    },
    /** −Σ [y log p + (1−y) log(1−p)], p = σ(z), as max(z,0) − z·y + log(1 + e^−|z|). */
    BCE("bce") {
        @Override public double value(double[] z, int zo, double[] y, int yo, int k) {
            double s = 0;
            for (int j = 0; j < k; j++) {
                double zj = z[zo + j];
                s += Math.max(zj, 0.0) - zj * y[yo + j] + Math.log1p(Math.exp(-Math.abs(zj)));
            }
            return s;
        }
        @Override public void outputError(double[] z, int zo, double[] y, int yo, int k, double[] d, int doff, double scale) {
            for (int j = 0; j < k; j++) {
                // ∂ℓ/∂z = σ(z) − y
                d[doff + j] = scale * (Activation.sigmoid(z[zo + j]) - y[yo + j]);
            }
        }
        @Override public void output(double[] z, int zo, int k, double[] out, int oo) {
            for (int j = 0; j < k; j++) {
                out[oo + j] = Activation.sigmoid(z[zo + j]);
            }
        }
    },
    /** −Σ y_k log p_k, p = softmax(z), as Σ y_k (logsumexp(z) − z_k). */
    CE("ce") {
        @Override public double value(double[] z, int zo, double[] y, int yo, int k) {
            double lse = logSumExp(z, zo, k);
            double s = 0;
            for (int j = 0; j < k; j++) {
                s += y[yo + j] * (lse - z[zo + j]);
            }
            return s;
        }
        @Override public void outputError(double[] z, int zo, double[] y, int yo, int k, double[] d, int doff, double scale) {
            double lse = logSumExp(z, zo, k);
            double mass = 0;
            for (int j = 0; j < k; j++) {
                mass += y[yo + j];
            }
            for (int j = 0; j < k; j++) {
                // ∂ℓ/∂z_j = (Σ_k y_k)·p_j − y_j, which is p_j − y_j for targets summing to 1
                d[doff + j] = scale * (mass * Math.exp(z[zo + j] - lse) - y[yo + j]);
            }
        }
        @Override public void output(double[] z, int zo, int k, double[] out, int oo) {
            double lse = logSumExp(z, zo, k);
            for (int j = 0; j < k; j++) {
                out[oo + j] = Math.exp(z[zo + j] - lse);
            }
        }
    };

    private final String id;

    Loss(String id) {
        this.id = id;
    }

    /** The name used in URLs, JSON and lessons. */
    public String id() {
        return id;
    }

    /** ℓ for the logits z[zo..zo+k) and targets y[yo..yo+k). */
    public abstract double value(double[] z, int zo, double[] y, int yo, int k);

    /** Writes scale · ∂ℓ/∂z into d[doff..doff+k). */
    public abstract void outputError(double[] z, int zo, double[] y, int yo, int k, double[] d, int doff, double scale);

    /** The prediction ŷ = ψ(z): identity unless the loss says otherwise. */
    public void output(double[] z, int zo, int k, double[] out, int oo) {
        System.arraycopy(z, zo, out, oo, k);
    }

    /** Whether ℓ has a point where it is not differentiable (mae at r = 0). */
    public boolean hasKink() {
        return false;
    }

    static double logSumExp(double[] z, int zo, int k) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            m = Math.max(m, z[zo + j]);
        }
        if (Double.isInfinite(m)) {
            return m;
        }
        double s = 0;
        for (int j = 0; j < k; j++) {
            s += Math.exp(z[zo + j] - m);
        }
        return m + Math.log(s);
    }
}
