package gradlab.view;

/** Numbers as a student reads them. */
public final class Format {
    private Format() {
    }

    /** Four significant digits, scientific when very large or small: 0.7536, 1.2e-7. */
    public static String num(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        String s = a >= 1e5 || a < 1e-3 ? Decimal.scientific(v, 3) : Decimal.general(v, 4);
        return s.replace("-", "−");
    }

    /** A number of things, the noun in the singular for one: 1 example, 2 examples. */
    public static String count(long n, String noun) {
        return n + " " + (n == 1 ? noun : noun + "s");
    }

    /** A setting as the user would type it: 0.05, 1000, 1e-7. */
    public static String plain(double v) {
        return gradlab.lab.LabSpec.plain(v);
    }

    /** A fraction as a percentage: 60 %, 0.3 %, 1200 %. */
    public static String percent(double fraction) {
        double p = 100 * fraction;
        if (!Double.isFinite(p)) {
            return Format.num(p);
        }
        if (p != 0 && Math.abs(p) < 0.1) {
            return "less than 0.1 %";
        }
        return Decimal.fixed(p, Math.abs(p) < 10 ? 1 : 0) + " %";
    }

    /** An angle in whole degrees (one decimal below 10°). */
    public static String degrees(double d) {
        if (!Double.isFinite(d)) {
            return "—";
        }
        return Decimal.fixed(d, d < 10 ? 1 : 0) + "°";
    }
}
