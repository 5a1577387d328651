package gradlab.view;

import java.util.Arrays;

/**
 * The texts of {@code String.format(Locale.ROOT, "%.<p>g")}, {@code "%.<p>e"} and {@code "%.<p>f"} for a finite
 * double, written without a Formatter, which costs more than the rest of a table row: Java's
 * shortest decimal digits of the value (those of {@link Double#toString}), rounded half up to
 * the precision, as the Formatter rounds them.
 */
public final class Decimal {
    /** The digits of 0. */
    private static final Digits ZERO = new Digits(new char[] {'0'}, 1, 0);

    private Decimal() {
    }

    /** {@code %.<precision>g}: fixed when the rounded exponent is in [−4, precision), else scientific. */
    static String general(double v, int precision) {
        if (v == 0) {
            return fixed(v, ZERO, precision);
        }
        Digits d = Digits.of(Math.abs(v)).rounded(precision);
        return d.exponent >= -4 && d.exponent < precision ? fixed(v, d, precision) : scientific(v, d, precision);
    }

    /** {@code %.<decimals>e}: one digit, the point, the decimals, then e, the sign and two or more digits. */
    static String scientific(double v, int decimals) {
        Digits d = v == 0 ? ZERO : Digits.of(Math.abs(v)).rounded(decimals + 1);
        return scientific(v, d, decimals + 1);
    }

    /** {@code %.<decimals>f}: the whole part, then the point and the decimals (none for 0). */
    public static String fixed(double v, int decimals) {
        if (v == 0) {
            return fixed(v, ZERO, decimals + 1);
        }
        Digits d = Digits.of(Math.abs(v));
        // the digits kept: those down to the last decimal place
        int kept = d.exponent + 1 + decimals;
        if (kept < 0 || (kept == 0 && d.digit(0) < '5')) {
            return fixed(v, ZERO, decimals + 1);
        }
        d = kept == 0 ? new Digits(new char[] {'1'}, 1, -decimals) : d.rounded(kept);
        return fixed(v, d, decimals + 1 + d.exponent);
    }

    private static String fixed(double v, Digits d, int precision) {
        StringBuilder s = new StringBuilder(precision + 8);
        sign(s, v);
        int decimals = precision - 1 - d.exponent;
        if (d.exponent < 0) {
            s.append('0');
        } else {
            for (int i = 0; i <= d.exponent; i++) {
                s.append(d.digit(i));
            }
        }
        if (decimals > 0) {
            s.append('.');
            for (int i = d.exponent + 1; i <= d.exponent + decimals; i++) {
                s.append(i < 0 ? '0' : d.digit(i));
            }
        }
        return s.toString();
    }

    private static String scientific(double v, Digits d, int digits) {
        StringBuilder s = new StringBuilder(digits + 8);
        sign(s, v);
        s.append(d.digit(0));
        if (digits > 1) {
            s.append('.');
            for (int i = 1; i < digits; i++) {
                s.append(d.digit(i));
            }
        }
        int e = Math.abs(d.exponent);
        s.append('e').append(d.exponent < 0 ? '-' : '+');
        if (e < 10) {
            s.append('0');
        }
        return s.append(e).toString();
    }

    private static void sign(StringBuilder s, double v) {
        if (v < 0 || (v == 0 && 1 / v < 0)) {
            s.append('-');
        }
    }

    /** A positive value as d0.d1d2… × 10^exponent; digits past {@code count} are zeros. */
    private record Digits(char[] digits, int count, int exponent) {
        static Digits of(double a) {
            String s = Double.toString(a);
            int e = s.indexOf('E');
            int end = e < 0 ? s.length() : e;
            int exponent = s.indexOf('.') - 1 + (e < 0 ? 0 : Integer.parseInt(s, e + 1, s.length(), 10));
            char[] digits = new char[end];
            int count = 0;
            for (int i = 0; i < end; i++) {
                char c = s.charAt(i);
                if (c == '.') {
                    continue;
                }
                if (count == 0 && c == '0') {
                    exponent--;
                } else {
                    digits[count++] = c;
                }
            }
            return new Digits(digits, count, exponent);
        }

        char digit(int i) {
            return i < count ? digits[i] : '0';
        }

        /** Rounded half up to {@code precision} significant digits, looking at the next digit only. */
        Digits rounded(int precision) {
            if (count <= precision) {
                return this;
            }
            char[] kept = Arrays.copyOf(digits, precision);
            if (digits[precision] < '5') {
                return new Digits(kept, precision, exponent);
            }
            int i = precision - 1;
            while (i >= 0 && kept[i] == '9') {
                kept[i--] = '0';
            }
            if (i < 0) {
                kept[0] = '1';
                return new Digits(kept, precision, exponent + 1);
            }
            kept[i]++;
            return new Digits(kept, precision, exponent);
        }
    }
}
