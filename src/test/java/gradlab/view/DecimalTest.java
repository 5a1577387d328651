package gradlab.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Decimal writes exactly what Java's Formatter writes, digit for digit. */
class DecimalTest {
    /** Values where rounding is delicate: few digits, ties at every place, runs of nines, powers of ten. */
    private static List<Double> delicate() {
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, 9.9995, 99.995, 999.95, 9999.5, 99999.5, 9999.4999,
                0.00099995, 0.0009999, 0.001, 0.0001, 0.00009999, 1e-5, 123456.0, 1e5, 1e4, 9.99999e4,
                Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 1.2345, 1.23445,
                0.12345, 5e-324, 1e300, 1e-300, 4.35, 2.675, 1.0005, 1.00049999));
        for (int e = -12; e <= 12; e++) {
            for (int m : new int[] {1, 5, 9, 15, 95, 995, 9995, 99995, 12345, 10005, 99999, 999999}) {
                values.add(m * Math.pow(10, e));
                values.add(Math.nextUp(m * Math.pow(10, e)));
                values.add(Math.nextDown(m * Math.pow(10, e)));
            }
        }
        return values;
    }

    private static void same(double v) {
        for (int p = 1; p <= 6; p++) {
            assertEquals(String.format(Locale.ROOT, "%." + p + "g", v), Decimal.general(v, p), "%." + p + "g of " + v);
        }
        for (int p = 0; p <= 5; p++) {
            assertEquals(String.format(Locale.ROOT, "%." + p + "e", v), Decimal.scientific(v, p), "%." + p + "e of " + v);
            assertEquals(String.format(Locale.ROOT, "%." + p + "f", v), Decimal.fixed(v, p), "%." + p + "f of " + v);
        }
    }

    @Test
    void delicateValuesOfBothSigns() {
        for (double v : delicate()) {
            same(v);
            same(-v);
        }
    }

    @Test
    void randomValuesOverEveryMagnitude() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 40_000; i++) {
            // any finite double, by its bits
            double v = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(v)) {
                same(v);
            }
            // the magnitudes a table shows, with few and with many digits
            double w = Math.pow(10, random.nextDouble(-8, 8)) * (random.nextBoolean() ? 1 : -1);
            same(w);
            same(Math.round(w * 1e4) / 1e4);
            same(random.nextInt(-100_000, 100_000) / 1000.0 + 0.0005);
        }
    }
}
