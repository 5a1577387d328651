package gradlab.view.svg;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Axis ranges and "nice" tick values (1, 2 or 5 times a power of ten), linear or logarithmic,
 * and their labels: every label of an axis is different from the others and is its tick's
 * value to the digits it shows, so −1.5e9 and −2e9 never both read "−2e9".
 */
public final class Ticks {
    /** A range narrower than this share of its magnitude is widened: its ticks could not be told apart. */
    static final double LEAST_RELATIVE_SPAN = 1e-6;

    private Ticks() {
    }

    /**
     * A range [lo, hi] with its ticks, {@code step} apart (in log10 units on a log axis).
     * {@link #label} writes a tick with as many digits as the step needs.
     */
    public record Range(double lo, double hi, double step, List<Double> ticks, boolean log) {
        public double fraction(double v) {
            return (v - lo) / (hi - lo);
        }

        /** The same ticks on exactly [from, to]: those outside are dropped. */
        public Range within(double from, double to) {
            return new Range(from, to, step, ticks.stream().filter(t -> t >= from && t <= to).toList(), log);
        }

        /** A tick's label: a power of ten on a log axis, else the value to the step's last digit. */
        public String label(double t) {
            return log ? powerLabel(t) : Ticks.label(t, step);
        }
    }

    /** A range with no ticks (an axis that shows none). */
    public static Range bare(double lo, double hi) {
        return new Range(lo, hi, hi - lo, List.of(), false);
    }

    /** About {@code count} nice ticks covering [min, max]. */
    public static Range linear(double min, double max, int count) {
        double magnitude = Math.max(Math.abs(min), Math.abs(max));
        double least = Math.max(LEAST_RELATIVE_SPAN * magnitude, Double.MIN_NORMAL);
        if (!(max - min >= least)) {
            double mid = min / 2 + max / 2;
            double pad = magnitude == 0 ? 1 : Math.max(least, 0.1 * magnitude);
            min = mid - pad;
            max = mid + pad;
        }
        double step = nice((max - min) / Math.max(1, count));
        // ticks are whole multiples of the step, each computed afresh, so no rounding piles up
        long first = (long) Math.floor(min / step);
        long last = (long) Math.ceil(max / step);
        // a product may land an ulp inside the data: one more tick then
        first -= first * step > min ? 1 : 0;
        last += last * step < max ? 1 : 0;
        List<Double> ticks = new ArrayList<>();
        for (long k = first; k <= last; k++) {
            ticks.add(k == 0 ? 0.0 : k * step);
        }
        return new Range(first * step, last * step, step, ticks, false);
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
        return new Range(lo, hi, every, ticks, true);
    }

    /** The nice number (1, 2, 5 × 10^k) nearest above x. */
    static double nice(double x) {
        double exp = Math.floor(Math.log10(x));
        double f = x / Math.pow(10, exp);
        double n = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
        return n * Math.pow(10, exp);
    }

    /**
     * A tick's label on an axis whose ticks are {@code step} apart: down to the step's last
     * digit and no further (no trailing zeros), scientific when the value is very large or small.
     */
    public static String label(double v, double step) {
        if (v == 0) {
            return "0";
        }
        // the decimal place of the step's one significant digit: −2 for 0.05, 8 for 5e8
        int place = (int) Math.floor(Math.log10(step) + 1e-9);
        double a = Math.abs(v);
        String s;
        if (a >= 1e5 || a < 1e-3) {
            int exponent = (int) Math.floor(Math.log10(a));
            BigDecimal mantissa = new BigDecimal(v).movePointLeft(exponent);
            // 9.99e4 may round up to 10.0e4: then one power of ten more
            String m = plain(mantissa, Math.max(0, exponent - place));
            if (m.replace("-", "").startsWith("10")) {
                exponent++;
                m = plain(new BigDecimal(v).movePointLeft(exponent), Math.max(0, exponent - place));
            }
            s = m + "e" + exponent;
        } else {
            s = plain(new BigDecimal(v), Math.max(0, -place));
        }
        return s;
    }

    /** A decimal rounded half up to {@code decimals} places, without trailing zeros. */
    private static String plain(BigDecimal v, int decimals) {
        String s = v.setScale(decimals, java.math.RoundingMode.HALF_UP).toPlainString();
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "");
            s = s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        }
        return s.equals("-0") ? "0" : s;
    }

    /** A label for the exponent k of a log axis: 10^k written plainly. */
    public static String powerLabel(double k) {
        int e = (int) Math.round(k);
        if (e >= -3 && e <= 4) {
            return new BigDecimal(1).movePointRight(e).stripTrailingZeros().toPlainString();
        }
        return "1e" + e;
    }
}
