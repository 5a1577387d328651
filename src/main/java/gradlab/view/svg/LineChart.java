package gradlab.view.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * Lines over a common x axis (the steps of a training run), one per series, with an
 * optional log scale. Non-finite values are never drawn: a series stops at its last finite
 * point, and a diverged series is marked there.
 */
public final class LineChart {
    private LineChart() {
    }

    /**
     * One line.
     *
     * @param name        the legend's name
     * @param colour      its colour
     * @param x           x values (ascending)
     * @param y           y values, NaN where there is none
     * @param divergedAt  the step where it diverged, or −1
     */
    public record Series(String name, String colour, double[] x, double[] y, int divergedAt) {
    }

    public static SvgElement render(String id, String title, String description, String xTitle, String yTitle,
                                         List<Series> series, boolean logY, double fixedMinY, double fixedMaxY) {
        double width = 560;
        double height = 300;
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = fixedMinY;
        double yMax = fixedMaxY;
        for (Series s : series) {
            for (int i = 0; i < s.y().length; i++) {
                xMin = Math.min(xMin, s.x()[i]);
                xMax = Math.max(xMax, s.x()[i]);
                double v = value(s.y()[i], logY);
                if (Double.isFinite(v)) {
                    yMin = Double.isNaN(yMin) ? v : Math.min(yMin, v);
                    yMax = Double.isNaN(yMax) ? v : Math.max(yMax, v);
                }
            }
        }
        if (!Double.isFinite(xMin)) {
            xMin = 0;
            xMax = 1;
        }
        if (Double.isNaN(yMin)) {
            yMin = 0;
            yMax = 1;
        }
        Ticks.Range xr = Ticks.linear(xMin, Math.max(xMax, xMin + 1), 6);
        Ticks.Range yr = logY ? Ticks.log10(Math.pow(10, yMin), Math.pow(10, yMax)) : Ticks.linear(yMin, yMax, 5);
        Frame f = new Frame(width, height, xr, yr);
        List<SvgElement> parts = new ArrayList<>();
        parts.add(f.axes(xTitle, yTitle));
        for (Series s : series) {
            parts.add(line(f, s, logY));
        }
        parts.add(Frame.legend(series.stream().map(Series::name).toList(),
                series.stream().map(Series::colour).toList(), width));
        SvgElement svg = Svg.root(id, width, height, title, description);
        svg.with(parts);
        return svg;
    }

    private static SvgElement line(Frame f, Series s, boolean logY) {
        Svg.PathData d = new Svg.PathData();
        boolean pen = false;
        double lastX = Double.NaN;
        double lastY = Double.NaN;
        for (int i = 0; i < s.y().length; i++) {
            double v = value(s.y()[i], logY);
            if (!Double.isFinite(v)) {
                pen = false;
                continue;
            }
            lastX = f.px(s.x()[i]);
            lastY = f.py(v);
            if (pen) {
                d.lineTo(lastX, lastY);
            } else {
                d.moveTo(lastX, lastY);
                pen = true;
            }
        }
        SvgElement g = Svg.group().attr("class", "series");
        if (!d.isEmpty()) {
            g.with(Svg.path(d.toString(), "none", s.colour(), 2).with(Svg.tooltip(s.name())));
        }
        if (s.divergedAt() >= 0 && Double.isFinite(lastX)) {
            // a cross where the copy left the chart
            Svg.PathData cross = new Svg.PathData().moveTo(lastX - 5, lastY - 5).lineTo(lastX + 5, lastY + 5)
                    .moveTo(lastX - 5, lastY + 5).lineTo(lastX + 5, lastY - 5);
            g.with(Svg.path(cross.toString(), "none", s.colour(), 2.5)
                    .with(Svg.tooltip(s.name() + " diverged at step " + s.divergedAt())));
            g.with(Svg.text(lastX + 7, lastY - 6, "diverged", "start"));
        }
        return g;
    }

    private static double value(double v, boolean logY) {
        if (!logY) {
            return v;
        }
        return v > 0 ? Math.log10(v) : Double.NaN;
    }
}
