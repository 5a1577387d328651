package gradlab.view.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * Horizontal grouped bars: one row per category (a parameter), one bar per series (the
 * correct gradient and each naive one), around a zero line.
 */
public final class BarChart {
    private BarChart() {
    }

    /** A series of values, one per category. */
    public record Series(String name, String colour, double[] values) {
    }

    public static SvgElement render(String id, String title, String description, String valueTitle,
                                         List<String> categories, List<Series> series) {
        double width = 560;
        double bar = 5;
        double rowHeight = series.size() * bar + 6;
        double height = Frame.TOP + Frame.BOTTOM + 10 + rowHeight * categories.size();
        double max = 0;
        for (Series s : series) {
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    max = Math.max(max, Math.abs(v));
                }
            }
        }
        if (max == 0) {
            max = 1;
        }
        Ticks.Range xr = Ticks.linear(-max, max, 6);
        Ticks.Range yr = Ticks.bare(0, 1);
        Frame f = new Frame(width, height, xr, yr);
        List<SvgElement> parts = new ArrayList<>();
        parts.add(f.axes(valueTitle, ""));
        double zero = f.px(0);
        parts.add(Svg.line(zero, f.top(), zero, f.bottom(), Palette.AXIS, 1));
        for (int c = 0; c < categories.size(); c++) {
            double y0 = f.top() + 5 + c * rowHeight;
            parts.add(Svg.text(f.left() - 6, y0 + rowHeight / 2 + 1, categories.get(c), "end").attr("font-size", "11"));
            for (int s = 0; s < series.size(); s++) {
                double v = series.get(s).values()[c];
                if (!Double.isFinite(v)) {
                    continue;
                }
                double x = f.px(v);
                parts.add(Svg.rect(Math.min(x, zero), y0 + s * bar, Math.abs(x - zero), bar - 1, series.get(s).colour())
                        .with(Svg.tooltip(categories.get(c) + " " + series.get(s).name() + ": " + v)));
            }
        }
        parts.add(Frame.legend(series.stream().map(Series::name).toList(),
                series.stream().map(Series::colour).toList(), width));
        SvgElement svg = Svg.root(id, width, height, title, description);
        svg.with(parts);
        return svg;
    }
}
