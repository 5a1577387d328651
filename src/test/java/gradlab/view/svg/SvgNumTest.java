package gradlab.view.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Svg.num writes a coordinate exactly as Java's Formatter writes %.1f, without one. */
class SvgNumTest {
    private static String formatter(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }

    @Test
    void halvesAndCarriesRoundAsTheFormatterDoes() {
        double[] cases = {0.05, 0.15, 0.25, 0.35, 0.45, 0.95, 9.95, 99.95, 999.95, -0.05, -0.15, -0.95, -9.95, 0.04999,
                0.9499999999999998, 1.25, 2.5000000000000004, 123456.75, 1e-7, -1e-7, 4.9E-324, 0.1 + 0.2, 1e8 + 0.05,
                999_999_999.95, 1e9 + 0.5, 1e15 + 0.5, 12345678901234.56, -0.0001, Double.MAX_VALUE, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double v : cases) {
            assertEquals(formatter(v), Svg.num(v), Double.toString(v));
        }
    }

    @Test
    void aMillionCoordinatesOfEveryScaleAreWrittenAsTheFormatterWritesThem() {
        SplittableRandom r = new SplittableRandom(20261202);
        for (int i = 0; i < 1_000_000; i++) {
            double scale = Math.pow(10, r.nextInt(-6, 12));
            double v = (r.nextDouble() * 2 - 1) * scale;
            if (i % 3 == 0) {
                // exactly representable halves and near-halves at a screen's scale
                v = Math.round(v * 20) / 20.0 + (r.nextInt(3) - 1) * Math.ulp(v);
            }
            assertEquals(formatter(v), Svg.num(v), Double.toString(v));
        }
    }
}
