package gradlab.view;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import gradlab.view.svg.HistogramChart;

/** The instructor's histogram: equal bins over the slider's range, a bar per non-empty bin, the truth marked once revealed. */
class ClassHistogramTest {
    @Test
    void valuesFallInEqualBinsOverTheRangeTheEndsIncluded() {
        assertArrayEquals(new int[] {2, 1, 0, 0, 0, 0, 0, 0, 0, 2},
                HistogramChart.counts(new double[] {0, 17.9, 18, 170, 180}, 0, 180, 10));
        assertArrayEquals(new int[] {1, 0, 0, 0, 1, 1, 0, 0, 0, 1},
                HistogramChart.counts(new double[] {-1, -0.01, 0, 1}, -1, 1, 10), "cosine: −1..1");
        assertArrayEquals(new int[10], HistogramChart.counts(new double[] {-5, 200}, 0, 180, 10), "off the range: not counted");
    }

    @Test
    void theChartHasABarPerNonEmptyBinAndTheTruthOnlyWhenGiven() {
        int[] counts = {0, 3, 0, 0, 0, 0, 0, 0, 0, 1};
        String hidden = Html.render(HistogramChart.render("h", "Predictions", "4 predictions", "angle", 0, 180, counts,
                Double.NaN, "true: 73°"));
        assertEquals(2, hidden.split("data-bin=").length - 1);
        assertTrue(hidden.contains("data-bin=\"1\" data-count=\"3\""), hidden);
        assertFalse(hidden.contains("data-role=\"truth\"") || hidden.contains("73°"), "nothing gives the answer away");
        String shown = Html.render(HistogramChart.render("h", "Predictions", "4 predictions", "angle", 0, 180, counts,
                73.2, "true: 73°"));
        assertTrue(shown.contains("data-role=\"truth\"") && shown.contains("true: 73°"), shown);
        assertTrue(shown.contains("<title id=\"h-title\">Predictions</title>") && shown.contains("4 predictions"));
    }
}
