package gradlab.view.svg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.List;

/**
 * Points (x_i, y_i) with the two means drawn as dashed lines: the picture of a covariance.
 */
public final class ScatterChart {
    private ScatterChart() {
    }

    public static SvgElement render(String id, String title, String description, String xTitle, String yTitle,
                                         double[] x, double[] y, double meanX, double meanY, String colour) {
        double width = 560;
        double height = 300;
        DoubleSummaryStatistics xs = Arrays.stream(x).summaryStatistics();
        DoubleSummaryStatistics ys = Arrays.stream(y).summaryStatistics();
        Frame f = new Frame(width, height, Ticks.linear(xs.getMin(), xs.getMax(), 6), Ticks.linear(ys.getMin(), ys.getMax(), 5));
        List<SvgElement> parts = new ArrayList<>();
        parts.add(f.axes(xTitle, yTitle));
        parts.add(Svg.line(f.px(meanX), f.top(), f.px(meanX), f.bottom(), Palette.AXIS, 1.5)
                .attr("stroke-dasharray", "5 4").with(Svg.tooltip("mean of " + xTitle)));
        parts.add(Svg.line(f.left(), f.py(meanY), f.right(), f.py(meanY), Palette.AXIS, 1.5)
                .attr("stroke-dasharray", "5 4").with(Svg.tooltip("mean of " + yTitle)));
        SvgElement dots = Svg.group().attr("class", "points");
        for (int i = 0; i < x.length; i++) {
            dots.with(Svg.circle(f.px(x[i]), f.py(y[i]), 3, colour).attr("fill-opacity", "0.75"));
        }
        parts.add(dots);
        parts.add(Svg.circle(f.px(meanX), f.py(meanY), 5, Palette.INK).with(Svg.tooltip("the means")));
        parts.add(Svg.text(f.px(meanX) + 8, f.py(meanY) - 8, "means", "start"));
        SvgElement svg = Svg.root(id, width, height, title, description);
        svg.with(parts);
        return svg;
    }
}
