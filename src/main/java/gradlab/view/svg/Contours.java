package gradlab.view.svg;

import java.util.ArrayList;
import java.util.List;

import gradlab.lab.Landscape;
import gradlab.lab.Slice;
import gradlab.view.Format;

/**
 * The landscape's J as the page draws it: grid cells binned into filled levels (one path per
 * level) and one level as a dashed line, found by marching squares.
 */
final class Contours {
    /** Sequential, light (low J) to dark (high J), colour-blind safe; neutral so the procedures' colours stand out. */
    static final List<String> RAMP = List.of("#f7f7f7", "#e9e9e9", "#dadada", "#c9c9c9", "#b7b7b7", "#a4a4a4", "#909090",
            "#7b7b7b", "#666666");
    static final String WHITE = "#ffffff";

    private Contours() {
    }

    // ------------------------------------------------------------------ filled contours

    /**
     * Equal-width bins of the cells' J (the mean of their four corners) between its minimum and
     * maximum. The ramp's nine colours give nine levels.
     */
    record Bins(double min, double max, int count) {
        static Bins of(Slice l) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int r = 0; r + 1 < l.size(); r++) {
                for (int c = 0; c + 1 < l.size(); c++) {
                    double v = cell(l, r, c);
                    if (Double.isFinite(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
            if (!Double.isFinite(min)) {
                return new Bins(0, 0, 0);
            }
            return new Bins(min, max, max > min ? RAMP.size() : 1);
        }

        int of(double v) {
            if (count <= 1) {
                return 0;
            }
            return Math.min(count - 1, (int) Math.floor((v - min) / (max - min) * count));
        }

        double lower(int k) {
            return min + (max - min) * k / count;
        }

        double upper(int k) {
            return k == count - 1 ? max : min + (max - min) * (k + 1) / count;
        }
    }

    private static double cell(Slice l, int r, int c) {
        return (l.cost(r, c) + l.cost(r, c + 1) + l.cost(r + 1, c) + l.cost(r + 1, c + 1)) / 4;
    }

    /** The cells binned by J, one path per level; a row's neighbouring cells of one level are one box. */
    static SvgElement cells(Frame f, Slice l, Bins bins) {
        SvgElement g = Svg.group().attr("class", "levels");
        if (bins.count() == 0) {
            return g;
        }
        Svg.PathData[] byBin = new Svg.PathData[bins.count()];
        for (int k = 0; k < byBin.length; k++) {
            byBin[k] = new Svg.PathData();
        }
        Landscape.Axis ax = l.x();
        Landscape.Axis ay = l.y();
        for (int r = 0; r + 1 < l.size(); r++) {
            double top = f.py(ay.at(r + 1));
            double height = f.py(ay.at(r)) - top;
            int c = 0;
            while (c + 1 < l.size()) {
                double v = cell(l, r, c);
                if (!Double.isFinite(v)) {
                    c++;
                    continue;
                }
                int bin = bins.of(v);
                int to = c + 1;
                while (to + 1 < l.size() && Double.isFinite(cell(l, r, to)) && bins.of(cell(l, r, to)) == bin) {
                    to++;
                }
                double x0 = f.px(ax.at(c));
                byBin[bin].box(x0, top, f.px(ax.at(to)) - x0, height);
                c = to;
            }
        }
        for (int k = 0; k < byBin.length; k++) {
            if (!byBin[k].isEmpty()) {
                // a thin stroke of the same colour hides the seams between cells
                g.with(Svg.path(byBin[k].toString(), RAMP.get(k), RAMP.get(k), 0.5).attr("class", "level")
                        .with(Svg.tooltip("J from " + Format.num(bins.lower(k)) + " to " + Format.num(bins.upper(k)))));
            }
        }
        return g;
    }

    // ------------------------------------------------------------------ the level line (marching squares)

    static SvgElement contour(Frame f, Slice l, double level) {
        Svg.PathData d = new Svg.PathData();
        Landscape.Axis ax = l.x();
        Landscape.Axis ay = l.y();
        for (int r = 0; r + 1 < l.size(); r++) {
            for (int c = 0; c + 1 < l.size(); c++) {
                // corners counter-clockwise from the bottom left, and the edges after each corner
                double[] v = {l.cost(r, c), l.cost(r, c + 1), l.cost(r + 1, c + 1), l.cost(r + 1, c)};
                double[][] p = {{ax.at(c), ay.at(r)}, {ax.at(c + 1), ay.at(r)}, {ax.at(c + 1), ay.at(r + 1)},
                        {ax.at(c), ay.at(r + 1)}};
                boolean finite = true;
                for (double x : v) {
                    finite &= Double.isFinite(x);
                }
                if (!finite) {
                    continue;
                }
                List<double[]> cuts = new ArrayList<>(4);
                for (int e = 0; e < 4; e++) {
                    int e1 = (e + 1) % 4;
                    if ((v[e] >= level) != (v[e1] >= level)) {
                        double t = Math.max(0, Math.min(1, (level - v[e]) / (v[e1] - v[e])));
                        cuts.add(new double[] {f.px(p[e][0] + t * (p[e1][0] - p[e][0])),
                                f.py(p[e][1] + t * (p[e1][1] - p[e][1]))});
                    }
                }
                if (cuts.size() == 2) {
                    segment(d, cuts.get(0), cuts.get(1));
                } else if (cuts.size() == 4) {
                    // a saddle: the cell's mean decides which pair of opposite corners is joined
                    boolean centre = (v[0] + v[1] + v[2] + v[3]) / 4 >= level;
                    if (centre == (v[0] >= level)) {
                        // corners 0 and 2 are joined: cut off corner 1 (edges 0, 1) and corner 3 (edges 2, 3)
                        segment(d, cuts.get(0), cuts.get(1));
                        segment(d, cuts.get(2), cuts.get(3));
                    } else {
                        // corners 1 and 3 are joined: cut off corner 0 (edges 3, 0) and corner 2 (edges 1, 2)
                        segment(d, cuts.get(3), cuts.get(0));
                        segment(d, cuts.get(1), cuts.get(2));
                    }
                }
            }
        }
        SvgElement g = Svg.group().attr("class", "level-line");
        if (!d.isEmpty()) {
            g.with(Svg.path(d.toString(), "none", WHITE, 3.5),
                    Svg.path(d.toString(), "none", Palette.INK, 1.5).attr("stroke-dasharray", "6 3")
                            .with(Svg.tooltip("J = " + Format.num(level))));
        }
        return g;
    }

    private static void segment(Svg.PathData d, double[] a, double[] b) {
        d.moveTo(a[0], a[1]).lineTo(b[0], b[1]);
    }
}
