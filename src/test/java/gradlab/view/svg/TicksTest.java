package gradlab.view.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Axis ticks: they cover the range, and their labels are distinct and each one is its tick's value as far as it shows. */
class TicksTest {
    private static final Pattern LABEL = Pattern.compile("(-?[0-9]+(?:\\.([0-9]+))?)(?:e(-?[0-9]+))?");

    /** Checks one axis: its ticks lie in the range, the range covers [min, max], the labels are distinct and exact. */
    private static void check(Ticks.Range r, double min, double max) {
        List<Double> ticks = r.ticks();
        assertTrue(ticks.size() >= 2, "at least two ticks on [" + min + ", " + max + "]: " + ticks);
        assertTrue(r.lo() <= min && r.hi() >= max, "the range covers the data: " + r);
        for (double t : ticks) {
            assertTrue(t >= r.lo() && t <= r.hi(), t + " inside " + r);
        }
        List<String> labels = ticks.stream().map(r::label).toList();
        Set<String> distinct = new HashSet<>(labels);
        assertEquals(labels.size(), distinct.size(), "distinct labels on [" + min + ", " + max + "]: " + labels);
        for (int i = 0; i < ticks.size(); i++) {
            assertShows(labels.get(i), ticks.get(i));
        }
    }

    /** The label read back equals the value to within half a unit of its last digit. */
    private static void assertShows(String label, double value) {
        Matcher m = LABEL.matcher(label);
        assertTrue(m.matches(), "a plain or scientific number: " + label);
        int decimals = m.group(2) == null ? 0 : m.group(2).length();
        int exponent = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        BigDecimal shown = new BigDecimal(m.group(1)).scaleByPowerOfTen(exponent);
        BigDecimal halfUnit = BigDecimal.valueOf(5).scaleByPowerOfTen(exponent - decimals - 1);
        BigDecimal error = shown.subtract(new BigDecimal(value)).abs();
        assertTrue(error.compareTo(halfUnit) <= 0, label + " shows " + value + " to its last digit (off by " + error + ")");
    }

    @ParameterizedTest(name = "[{0}, {1}]")
    @CsvSource({
            // F3's linear cost, from J(θ0) down to where the copies diverge
            "-1.8858636650698154E9, 0.3574",
            "-2.1e9, -1.4e9",
            // tiny ranges, around 1 and around 0
            "1, 1.0000001",
            "0.123456, 0.123457",
            "-3e-9, -1e-9",
            "1e-300, 3e-300",
            // ranges crossing zero
            "-0.7, 0.4",
            "-3e-4, 2e-4",
            "-12345, 67890",
            // huge magnitudes
            "1e15, 3e15",
            "-1e300, 1e300",
            "123456789, 123456790",
            "99999.5, 100000.5",
            "0.0009, 0.0011",
            // a single value
            "5, 5",
            "0, 0",
            "-2e9, -2e9",
    })
    void labelsAreDistinctAndExact(double min, double max) {
        for (int count : new int[] {4, 5, 6}) {
            check(Ticks.linear(min, max, count), min, max);
        }
    }

    @Test
    void randomRangesOfEveryScale() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 5000; i++) {
            double scale = Math.pow(10, random.nextInt(-12, 13));
            double a = (random.nextDouble() - 0.5) * scale * 10;
            double b = a + random.nextDouble() * scale * Math.pow(10, random.nextInt(-6, 2));
            check(Ticks.linear(a, b, 5), a, b);
        }
    }

    @Test
    void theLandscapesClippedAxisKeepsItsLabelsExact() {
        Ticks.Range r = Ticks.linear(-1.2345e9, -1.2335e9, 5).within(-1.2345e9, -1.2335e9);
        List<String> labels = r.ticks().stream().map(r::label).toList();
        assertEquals(labels.size(), Set.copyOf(labels).size(), labels.toString());
        for (int i = 0; i < labels.size(); i++) {
            assertShows(labels.get(i), r.ticks().get(i));
        }
    }

    @Test
    void aLogAxisLabelsPowersOfTen() {
        Ticks.Range r = Ticks.log10(2e-7, 3e8);
        List<String> labels = r.ticks().stream().map(r::label).toList();
        assertEquals(labels.size(), Set.copyOf(labels).size(), labels.toString());
        for (int i = 0; i < labels.size(); i++) {
            assertShows(labels.get(i), Math.pow(10, r.ticks().get(i)));
        }
    }

    @Test
    void theCostChartOfTheLinearCostHasNoTickTwice() {
        // the F3 run's shape: costs from 0.36 falling to −1.9e9
        double[] steps = {0, 25, 50, 75, 100};
        double[] costs = {0.3574, -2.1, -9.3, -85.0, -1.8858636650698154E9};
        String svg = LineChart.render("c", "Cost", "cost", "step", "J",
                List.of(new LineChart.Series("per-example", "#000000", steps, costs, -1)), false, Double.NaN, Double.NaN)
                .render();
        Matcher m = Pattern.compile("<text[^>]*text-anchor=\"end\"[^>]*>([^<]*)</text>").matcher(svg);
        List<String> yLabels = m.results().map(r -> r.group(1)).collect(Collectors.toList());
        assertTrue(yLabels.size() >= 3, yLabels.toString());
        assertEquals(yLabels.size(), Set.copyOf(yLabels).size(), "the y axis's labels: " + yLabels);
    }
}
