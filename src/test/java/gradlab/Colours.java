package gradlab;

import java.util.List;

/**
 * Colour arithmetic for the tests of the palettes: WCAG 2 contrast, and how far apart two
 * colours look (CIELAB ΔE) to normal vision and to the three colour-vision deficiencies,
 * simulated with Machado, Oliveira and Fernandes' matrices (2009, full severity).
 */
public final class Colours {
    /** A vision: the matrix that maps linear sRGB to what it sees. */
    public enum Vision {
        NORMAL(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}),
        PROTAN(new double[][] {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}}),
        DEUTAN(new double[][] {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}}),
        TRITAN(new double[][] {{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}});

        private final double[][] m;

        Vision(double[][] m) {
            this.m = m;
        }
    }

    private Colours() {
    }

    /** WCAG 2 contrast ratio of two #rrggbb colours, 1 to 21. */
    public static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** WCAG 2 relative luminance. */
    public static double luminance(String hex) {
        double[] c = linear(hex);
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }

    /** CIE76 ΔE between two colours as this vision sees them. */
    public static double distance(String a, String b, Vision v) {
        double[] la = lab(seen(linear(a), v));
        double[] lb = lab(seen(linear(b), v));
        return Math.sqrt(Math.pow(la[0] - lb[0], 2) + Math.pow(la[1] - lb[1], 2) + Math.pow(la[2] - lb[2], 2));
    }

    /** Two colours of a palette, how far apart they look, and to which vision. */
    public record Pair(String a, String b, Vision vision, double distance) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%s and %s to %s vision: ΔE %.1f", a, b, vision, distance);
        }
    }

    /** The two colours that look closest, to any of the visions. */
    public static Pair closest(List<String> colours) {
        Pair worst = null;
        for (Vision v : Vision.values()) {
            for (int i = 0; i < colours.size(); i++) {
                for (int j = i + 1; j < colours.size(); j++) {
                    double d = distance(colours.get(i), colours.get(j), v);
                    if (worst == null || d < worst.distance()) {
                        worst = new Pair(colours.get(i), colours.get(j), v, d);
                    }
                }
            }
        }
        return worst;
    }

    private static double[] linear(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return c;
    }

    private static double[] seen(double[] rgb, Vision v) {
        double[] s = new double[3];
        for (int i = 0; i < 3; i++) {
            double x = v.m[i][0] * rgb[0] + v.m[i][1] * rgb[1] + v.m[i][2] * rgb[2];
            s[i] = Math.max(0, Math.min(1, x));
        }
        return s;
    }

    /** Linear sRGB to CIELAB (D65). */
    private static double[] lab(double[] c) {
        double x = (0.4124 * c[0] + 0.3576 * c[1] + 0.1805 * c[2]) / 0.95047;
        double y = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
        double z = (0.0193 * c[0] + 0.1192 * c[1] + 0.9505 * c[2]) / 1.08883;
        double fx = f(x);
        double fy = f(y);
        double fz = f(z);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    private static double f(double t) {
        return t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16.0 / 116;
    }
}
