package gradlab.engine;

/**
 * How far a gradient g lies from the correct gradient c at the same θ. A value that is
 * undefined (cosine and angle when a norm is zero) is NaN; one that is infinite (relative
 * error and norm ratio when only c is zero) is +∞. Callers that print them decide how.
 *
 * @param cosine                cos(g, c), clamped to [−1, 1]
 * @param angleDegrees          acos of the clamped cosine, in degrees
 * @param relativeError         ‖g − c‖ / ‖c‖ (0 when both are zero)
 * @param normRatio             ‖g‖ / ‖c‖ (1 when both are zero)
 * @param sameSign              the share of scalars whose signs agree, |x| ≤ 1e-12·max|c| counted as 0
 * @param perLayerRelativeError the relative error over W^l and b^l together, for l = 1..L
 */
public record Metrics(double cosine, double angleDegrees, double relativeError, double normRatio,
                      double sameSign, double[] perLayerRelativeError) {

    public static Metrics of(Parameters g, Parameters c) {
        double[] gf = g.flat();
        double[] cf = c.flat();
        double cosine = cosine(gf, cf);
        double angle = Double.isNaN(cosine) ? Double.NaN : Math.toDegrees(Math.acos(cosine));
        double[] perLayer = new double[c.layers()];
        for (int l = 1; l <= c.layers(); l++) {
            perLayer[l - 1] = relativeError(g.layerFlat(l), c.layerFlat(l));
        }
        return new Metrics(cosine, angle, relativeError(gf, cf), normRatio(gf, cf), sameSign(gf, cf), perLayer);
    }

    /** cos(g, c) clamped to [−1, 1]; NaN when either norm is zero. */
    public static double cosine(double[] g, double[] c) {
        double mg = maxAbs(g);
        double mc = maxAbs(c);
        if (mg == 0 || mc == 0) {
            return Double.NaN;
        }
        // scaled by the largest entries so that neither the dot product nor the norms overflow
        double dot = 0;
        double gg = 0;
        double cc = 0;
        for (int j = 0; j < g.length; j++) {
            double gj = g[j] / mg;
            double cj = c[j] / mc;
            dot += gj * cj;
            gg += gj * gj;
            cc += cj * cj;
        }
        double cos = dot / (Math.sqrt(gg) * Math.sqrt(cc));
        return Double.isNaN(cos) ? cos : Math.max(-1.0, Math.min(1.0, cos));
    }

    /** ‖g − c‖ / ‖c‖: 0 when both are zero, +∞ when only c is. */
    public static double relativeError(double[] g, double[] c) {
        double[] n = scaledNorms(g, c);
        return n == null ? zeroOrNaN(g, c, 0.0) : ratio(n[0], n[2]);
    }

    /** ‖g‖ / ‖c‖: 1 when both are zero, +∞ when only c is. */
    public static double normRatio(double[] g, double[] c) {
        double[] n = scaledNorms(g, c);
        return n == null ? zeroOrNaN(g, c, 1.0) : ratio(n[1], n[2]);
    }

    /**
     * ‖g − c‖, ‖g‖ and ‖c‖, all divided by one common scale (the largest entry), so that
     * neither g − c nor the squares overflow; null when every entry is 0 or one is not finite.
     */
    private static double[] scaledNorms(double[] g, double[] c) {
        double m = Math.max(maxAbs(g), maxAbs(c));
        if (m == 0 || !Double.isFinite(m)) {
            return null;
        }
        double dd = 0;
        double gg = 0;
        double cc = 0;
        for (int j = 0; j < g.length; j++) {
            double gj = g[j] / m;
            double cj = c[j] / m;
            dd += (gj - cj) * (gj - cj);
            gg += gj * gj;
            cc += cj * cj;
        }
        return new double[] {Math.sqrt(dd), Math.sqrt(gg), Math.sqrt(cc)};
    }

    /** The value when both are zero, else NaN (an entry that is not finite). */
    private static double zeroOrNaN(double[] g, double[] c, double bothZero) {
        return Math.max(maxAbs(g), maxAbs(c)) == 0 ? bothZero : Double.NaN;
    }

    /** The share of scalars where sign(g_j) = sign(c_j), with |x| ≤ 1e-12·max|c| taken as 0. */
    public static double sameSign(double[] g, double[] c) {
        double tiny = 1e-12 * maxAbs(c);
        int same = 0;
        for (int j = 0; j < g.length; j++) {
            if (sign(g[j], tiny) == sign(c[j], tiny)) {
                same++;
            }
        }
        return (double) same / g.length;
    }

    /** The Euclidean norm, computed without overflow or underflow for extreme entries. */
    public static double norm(double[] v) {
        double m = maxAbs(v);
        if (m == 0 || !Double.isFinite(m)) {
            return m;
        }
        double s = 0;
        for (double x : v) {
            double y = x / m;
            s += y * y;
        }
        return m * Math.sqrt(s);
    }

    private static double ratio(double num, double den) {
        if (den == 0) {
            return num == 0 ? 0.0 : Double.POSITIVE_INFINITY;
        }
        return num / den;
    }

    private static int sign(double x, double tiny) {
        return Math.abs(x) <= tiny ? 0 : (x > 0 ? 1 : -1);
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            double a = Math.abs(x);
            if (a > m || Double.isNaN(a)) {
                m = a;
            }
        }
        return m;
    }
}
