package gradlab.view.svg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.stream.DoubleStream;

/**
 * 1-D regression: the data as points, and each copy's prediction f(x) as a curve.
 */
public final class FitChart {
    private FitChart() {
    }

    /** @param radii each point's radius (its area tells how much its example drives the update) */
    public static SvgElement render(String id, String title, String description, double[] x, double[] y,
                                         double[] radii, double[] gridX, List<LineChart.Series> curves) {
        double width = 560;
        double height = 300;
        DoubleSummaryStatistics xs = DoubleStream.concat(Arrays.stream(x), Arrays.stream(gridX)).summaryStatistics();
        DoubleSummaryStatistics ys = Arrays.stream(y).summaryStatistics();
        double xMin = xs.getMin();
        double xMax = xs.getMax();
        double yMin = ys.getMin();
        double yMax = ys.getMax();
        // keep the data in view: curves that leave it are clipped, not rescaled
        double pad = 0.25 * Math.max(yMax - yMin, 1e-9);
        Ticks.Range xr = Ticks.linear(xMin, xMax, 6);
        Ticks.Range yr = Ticks.linear(yMin - pad, yMax + pad, 5);
        Frame f = new Frame(width, height, xr, yr);
        List<SvgElement> parts = new ArrayList<>();
        parts.add(f.axes("x", "y"));
        SvgElement points = Svg.group().attr("class", "points");
        for (int i = 0; i < x.length; i++) {
            points.with(Svg.circle(f.px(x[i]), f.py(y[i]), radii[i], "#999999").attr("fill-opacity", "0.8"));
        }
        parts.add(points);
        for (LineChart.Series c : curves) {
            Svg.PathData d = new Svg.PathData();
            boolean pen = false;
            for (int i = 0; i < gridX.length; i++) {
                double v = c.y()[i];
                if (!Double.isFinite(v) || v < yr.lo() || v > yr.hi()) {
                    pen = false;
                    continue;
                }
                if (pen) {
                    d.lineTo(f.px(gridX[i]), f.py(v));
                } else {
                    d.moveTo(f.px(gridX[i]), f.py(v));
                    pen = true;
                }
            }
            if (!d.isEmpty()) {
                parts.add(Svg.path(d.toString(), "none", c.colour(), 2).with(Svg.tooltip(c.name())));
            }
        }
        parts.add(Frame.legend(curves.stream().map(LineChart.Series::name).toList(),
                curves.stream().map(LineChart.Series::colour).toList(), width));
        SvgElement svg = Svg.root(id, width, height, title, description);
        svg.with(parts);
        return svg;
    }
}
