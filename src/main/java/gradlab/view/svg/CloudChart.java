package gradlab.view.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import gradlab.engine.Procedure;
import gradlab.lab.Cloud;

/**
 * The gradient cloud: a dot per example's gradient g_i on the cloud's plane, their mean ringed
 * (it is the correct gradient), the running mean of g_1..g_k as a path that ends there, and
 * every naive gradient as an arrow from the origin.
 */
public final class CloudChart {
    /** Narrow enough that a phone shows its text at 11 px or more without scrolling sideways. */
    static final double WIDTH = 320;
    static final double HEIGHT = 290;
    /** A legend row's height: one entry a row, above the plot. */
    static final double ROW = 15;
    /** Every dot has this radius, so that an example whose gradient is zero is still seen. */
    static final double DOT = 3.5;

    private CloudChart() {
    }

    /**
     * @param labels the words for each drawn dot (its x, y and ‖g_i‖), by its index in the batch
     * @param arrowNames each naive arrow's label
     */
    public static SvgElement render(String id, Cloud cloud, String title, String description, String[] labels,
                                         Map<Procedure, String> arrowNames) {
        double xMin = Math.min(0, cloud.meanX());
        double xMax = Math.max(0, cloud.meanX());
        double yMin = Math.min(0, cloud.meanY());
        double yMax = Math.max(0, cloud.meanY());
        for (int i : cloud.drawn()) {
            xMin = Math.min(xMin, cloud.x()[i]);
            xMax = Math.max(xMax, cloud.x()[i]);
            yMin = Math.min(yMin, cloud.y()[i]);
            yMax = Math.max(yMax, cloud.y()[i]);
        }
        for (double[] a : cloud.arrows().values()) {
            xMin = Math.min(xMin, a[0]);
            xMax = Math.max(xMax, a[0]);
            yMin = Math.min(yMin, a[1]);
            yMax = Math.max(yMax, a[1]);
        }
        List<String> names = new ArrayList<>(List.of("g_i: one example's gradient", "their mean: the correct gradient"));
        List<String> colours = new ArrayList<>(List.of(Procedure.REFERENCE.colour(), Palette.INK));
        cloud.arrows().keySet().forEach(p -> {
            names.add(arrowNames.get(p));
            colours.add(p.colour());
        });
        // the legend's rows above the plot, which moves down to make room for them
        double legend = ROW * names.size() - 16;
        Frame f = new Frame(WIDTH, HEIGHT, Ticks.linear(xMin, xMax, 5), Ticks.linear(yMin, yMax, 5));
        List<SvgElement> parts = new ArrayList<>();
        parts.add(f.axes(cloud.xName(), cloud.yName()));
        // the origin: where every arrow starts
        parts.add(Svg.line(f.px(0), f.top(), f.px(0), f.bottom(), Palette.AXIS, 1).attr("stroke-dasharray", "2 3"));
        parts.add(Svg.line(f.left(), f.py(0), f.right(), f.py(0), Palette.AXIS, 1).attr("stroke-dasharray", "2 3"));
        SvgElement dots = Svg.group().attr("class", "dots").attr("fill", Procedure.REFERENCE.colour())
                .attr("fill-opacity", "0.7");
        for (int i : cloud.drawn()) {
            dots.with(Svg.dot(f.px(cloud.x()[i]), f.py(cloud.y()[i]), DOT).attr("data-example", i)
                    .with(Svg.tooltip(labels[i])));
        }
        parts.add(dots);
        parts.add(Svg.path(running(f, cloud), "none", Palette.INK, 1.5).attr("class", "running-mean")
                .with(Svg.tooltip("the running mean of g_1 … g_k, k = 1 … " + cloud.x().length + ": it ends on the mean")));
        cloud.arrows().forEach((p, a) -> parts.add(arrow(f, a[0], a[1], p.colour(), arrowNames.get(p))));
        double mx = f.px(cloud.meanX());
        double my = f.py(cloud.meanY());
        parts.add(Svg.line(f.px(0), f.py(0), mx, my, Palette.INK, 1.5));
        parts.add(Svg.circle(mx, my, 7, "#ffffff").attr("stroke", Palette.INK).attr("stroke-width", "2.5")
                .attr("data-role", "mean").with(Svg.tooltip("the mean of the dots: the correct gradient ("
                        + Procedure.REFERENCE.id() + ")")));
        boolean right = mx > WIDTH / 2;
        parts.add(Svg.text(right ? mx - 10 : mx + 10, my - 10, "the correct gradient", right ? "end" : "start")
                .attr("font-weight", "bold"));
        SvgElement plot = Svg.group().attr("transform", "translate(0 " + Svg.num(legend) + ")");
        plot.with(parts);
        return Svg.root(id, WIDTH, HEIGHT + legend, title, description).attr("data-chart", "cloud")
                .with(legend(names, colours), plot);
    }

    /** One entry a row: the cloud's labels are long, its chart narrow. */
    private static SvgElement legend(List<String> names, List<String> colours) {
        SvgElement g = Svg.group().attr("class", "legend");
        for (int i = 0; i < names.size(); i++) {
            double row = 14 + ROW * i;
            g.with(Svg.rect(8, row - 9, 12, 10, colours.get(i)), Svg.text(24, row, names.get(i), "start"));
        }
        return g;
    }

    /** The running mean's path, through at most 400 of its B points, always the last. */
    private static String running(Frame f, Cloud cloud) {
        int b = cloud.runningX().length;
        int every = Math.max(1, (b + 399) / 400);
        Svg.PathData d = new Svg.PathData();
        for (int k = 0; k < b; k += every) {
            add(d, k == 0, f.px(cloud.runningX()[k]), f.py(cloud.runningY()[k]));
        }
        add(d, b == 1, f.px(cloud.runningX()[b - 1]), f.py(cloud.runningY()[b - 1]));
        return d.toString();
    }

    private static void add(Svg.PathData d, boolean first, double x, double y) {
        if (first) {
            d.moveTo(x, y);
        } else {
            d.lineTo(x, y);
        }
    }

    /** An arrow from the origin to (x, y) with its head; its label is its tooltip (the legend names it too). */
    private static SvgElement arrow(Frame f, double x, double y, String colour, String label) {
        double x0 = f.px(0);
        double y0 = f.py(0);
        double x1 = f.px(x);
        double y1 = f.py(y);
        double length = Math.hypot(x1 - x0, y1 - y0);
        SvgElement g = Svg.group().attr("class", "arrow").with(Svg.tooltip(label));
        g.with(Svg.line(x0, y0, x1, y1, colour, 2.5));
        if (length > 1) {
            double ux = (x1 - x0) / length;
            double uy = (y1 - y0) / length;
            // a head 9 px long and 8 px wide
            Svg.PathData head = new Svg.PathData().moveTo(x1, y1)
                    .lineTo(x1 - 9 * ux + 4 * uy, y1 - 9 * uy - 4 * ux)
                    .lineTo(x1 - 9 * ux - 4 * uy, y1 - 9 * uy + 4 * ux);
            g.with(Svg.path(head + "z", colour, colour, 1));
        }
        return g;
    }
}
