package gradlab.view.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * A class's predictions of one quantity: how many fell in each of equal bins over the
 * slider's range, as bars, and the true value as a marked line once it is revealed.
 */
public final class HistogramChart {
    /** The bars' colour: the correct gradient's blue. */
    static final String BAR = "#0072B2";
    /** The true value's line: the diverging scale's vermillion, 3:1 on white. */
    static final String TRUTH = Palette.POSITIVE;

    private HistogramChart() {
    }

    /**
     * How many of the values fall in each of {@code bins} equal bins over [min, max]; a value on
     * a boundary goes to the bin above it, max to the last bin; values off the range are not counted.
     */
    public static int[] counts(double[] values, double min, double max, int bins) {
        int[] counts = new int[bins];
        for (double v : values) {
            if (v >= min && v <= max) {
                counts[bin(v, min, max, bins)]++;
            }
        }
        return counts;
    }

    /** The bin of a value within [min, max]. */
    static int bin(double v, double min, double max, int bins) {
        return Math.min(bins - 1, (int) Math.floor((v - min) / (max - min) * bins));
    }

    /**
     * The chart: bars of the counts over [min, max], the x axis labelled {@code quantity}, the
     * true value drawn (labelled {@code truthLabel}) unless it is NaN.
     */
    public static SvgElement render(String id, String title, String description, String quantity,
                                         double min, double max, int[] counts, double truth, String truthLabel) {
        double width = 560;
        double height = 230;
        int most = 0;
        for (int c : counts) {
            most = Math.max(most, c);
        }
        Ticks.Range xr = Ticks.linear(min, max, 6).within(min, max);
        // whole counts only: a count axis never reads 0.5 of a student
        Ticks.Range yr = Ticks.linear(0, Math.max(most, 4), 4);
        yr = new Ticks.Range(0, yr.hi(), Math.max(1, yr.step()),
                yr.ticks().stream().filter(t -> t >= 0 && t == Math.rint(t)).toList(), false);
        Frame f = new Frame(width, height, xr, yr);
        List<SvgElement> parts = new ArrayList<>();
        parts.add(f.axes(quantity, "students"));
        int bins = counts.length;
        for (int b = 0; b < bins; b++) {
            double lo = min + (max - min) * b / bins;
            double hi = min + (max - min) * (b + 1) / bins;
            if (counts[b] == 0) {
                continue;
            }
            double x0 = f.px(lo) + 1;
            double x1 = f.px(hi) - 1;
            double y = f.py(counts[b]);
            parts.add(Svg.rect(x0, y, x1 - x0, f.bottom() - y, BAR).attr("data-bin", Integer.toString(b))
                    .attr("data-count", Integer.toString(counts[b])));
        }
        if (!Double.isNaN(truth)) {
            double x = f.px(Math.max(min, Math.min(max, truth)));
            parts.add(Svg.group(
                    Svg.line(x, f.top() - 6, x, f.bottom(), TRUTH, 3),
                    Svg.text(x, f.top() - 10, truthLabel, x > width * 0.75 ? "end" : x < width * 0.25 ? "start" : "middle")
                            .attr("font-weight", "bold")
            ).attr("data-role", "truth"));
        }
        SvgElement svg = Svg.root(id, width, height, title, description).attr("data-chart", "predictions");
        svg.with(parts);
        return svg;
    }
}
