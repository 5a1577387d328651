package gradlab.view.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Axis ranges and "nice" tick values (1, 2 or 5 times a power of ten), linear or logarithmic.
 */
public final class Ticks {
    private Ticks() {
    }

    /** A range [lo, hi] widened to nice ticks, never empty. */
    public record Range(double lo, double hi, List<Double> ticks) {
        public double fraction(double v) {
            return (v - lo) / (hi - lo);
        }
    }

    /** About {@code count} nice ticks covering [min, max]. */
    public static Range linear(double min, double max, int count) {
        if (!(max > min)) {
            double pad = Math.max(1e-12, Math.abs(min) * 0.1 + (min == 0 ? 1 : 0));
            min -= pad;
            max += pad;
        }
        double step = nice((max - min) / Math.max(1, count));
        double lo = Math.floor(min / step) * step;
        double hi = Math.ceil(max / step) * step;
        List<Double> ticks = new ArrayList<>();
        for (double t = lo; t <= hi + step * 1e-9; t += step) {
            ticks.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
        }
        return new Range(lo, hi, ticks);
    }

    /** Powers of ten covering [min, max] (both > 0), as exponents: the axis is linear in log10. */
    public static Range log10(double min, double max) {
        double lo = Math.floor(Math.log10(min));
        double hi = Math.ceil(Math.log10(max));
        if (hi <= lo) {
            hi = lo + 1;
        }
        int every = (int) Math.ceil((hi - lo) / 6);
        List<Double> ticks = new ArrayList<>();
        for (double t = lo; t <= hi; t += every) {
            ticks.add(t);
        }
        return new Range(lo, hi, ticks);
    }

    /** The nice number (1, 2, 5 × 10^k) nearest above x. */
    static double nice(double x) {
        double exp = Math.floor(Math.log10(x));
        double f = x / Math.pow(10, exp);
        double n = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return n * Math.pow(10, exp);
    }

    /** A tick label: short, without trailing zeros, scientific when very large or small. */
    public static String label(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e5 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.0e", v).replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
        }
        String s = String.format(Locale.ROOT, "%.4f", v);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** A label for the exponent k of a log axis: 10^k written plainly. */
    public static String powerLabel(double k) {
        int e = (int) Math.round(k);
        if (e >= -3 && e <= 4) {
            return label(Math.pow(10, e));
        }
        return "1e" + e;
    }
}
