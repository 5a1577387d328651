package gradlab.view.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * The network drawn: units as nodes, layer by layer from the inputs (left) to the outputs
 * (right), and each weight W^l[r,c] as an edge from unit c of layer l−1 to unit r of layer l,
 * coloured by (naive − correct) on a diverging scale, one scale per layer. Edges of one
 * colour share a path, so that thousands of weights stay light. A large net is drawn as
 * units only, each coloured by the size of its incoming weights' error together.
 */
public final class NetworkChart {
    static final double WIDTH = 560;
    static final double HEIGHT = 330;
    static final double TOP = 54;
    static final double BOTTOM = 46;
    static final double SIDE = 40;
    /** The diverging scale's steps on each side of zero. */
    static final int STEPS = 5;

    private NetworkChart() {
    }

    /**
     * @param sizes      d_0..d_L
     * @param edges      per layer l = 1..L ([l − 1]), naive − correct for each W^l[r][c]; null: units only
     * @param units      per layer l = 1..L ([l − 1]), each unit's incoming error ‖(naive − correct) of its row of W^l and b^l‖
     * @param layerError per layer, the naive procedure's relative error (NaN: undefined, ∞: the correct one is zero)
     */
    public static SvgElement render(String id, String title, String description, int[] sizes, double[][][] edges,
                                         double[][] units, double[] layerError) {
        int layers = sizes.length - 1;
        double[][] ux = new double[sizes.length][];
        double[][] uy = new double[sizes.length][];
        double widest = 0;
        for (int d : sizes) {
            widest = Math.max(widest, d);
        }
        double spacing = Math.min(28, (HEIGHT - TOP - BOTTOM) / Math.max(1, widest - 1));
        double radius = Math.max(1.5, Math.min(6, spacing / 2.6));
        for (int l = 0; l < sizes.length; l++) {
            double x = SIDE + (WIDTH - 2 * SIDE) * l / layers;
            double span = spacing * (sizes[l] - 1);
            double y0 = (TOP + HEIGHT - BOTTOM) / 2 - span / 2;
            ux[l] = new double[sizes[l]];
            uy[l] = new double[sizes[l]];
            for (int u = 0; u < sizes[l]; u++) {
                ux[l][u] = x;
                uy[l][u] = y0 + spacing * u;
            }
        }
        List<SvgElement> parts = new ArrayList<>();
        if (edges != null) {
            for (int l = 1; l <= layers; l++) {
                parts.add(edges(edges[l - 1], ux[l - 1], uy[l - 1], ux[l], uy[l]));
            }
        }
        SvgElement nodes = Svg.group().attr("class", "units").attr("stroke", Palette.INK).attr("stroke-width", "1");
        for (int l = 0; l < sizes.length; l++) {
            double largest = l == 0 ? 0 : largest(units[l - 1]);
            for (int u = 0; u < sizes[l]; u++) {
                // with edges a unit is plain; without, its colour is its incoming error, on its layer's scale
                String fill = edges != null || l == 0 ? "#ffffff" : Palette.diverging(units[l - 1][u] / nonZero(largest));
                nodes.with(Svg.circle(ux[l][u], uy[l][u], radius, fill));
            }
        }
        parts.add(nodes);
        for (int l = 1; l <= layers; l++) {
            double x = (ux[l - 1][0] + ux[l][0]) / 2;
            parts.add(Svg.text(x, TOP - 22, "layer " + l, "middle").attr("font-weight", "bold"));
            parts.add(Svg.text(x, TOP - 8, errorWords(layerError[l - 1]), "middle")
                    .with(Svg.tooltip("relative error of W" + l + " and b" + l + " together")));
        }
        parts.add(Svg.text(ux[0][0], HEIGHT - BOTTOM + 18, "inputs", "middle"));
        parts.add(Svg.text(ux[layers][0], HEIGHT - BOTTOM + 18, "outputs", "end"));
        parts.add(legend(edges != null));
        SvgElement svg = Svg.root(id, WIDTH, HEIGHT, title, description).attr("data-chart", "network");
        svg.with(parts);
        return svg;
    }

    /** Layer l's edges: one path per colour step, so that the page holds a few paths, not a line per weight. */
    private static SvgElement edges(double[][] diff, double[] x0, double[] y0, double[] x1, double[] y1) {
        double largest = 0;
        for (double[] row : diff) {
            largest = Math.max(largest, largest(row));
        }
        StringBuilder[] paths = new StringBuilder[2 * STEPS + 1];
        for (int r = 0; r < diff.length; r++) {
            for (int c = 0; c < diff[r].length; c++) {
                int step = (int) Math.round(STEPS * diff[r][c] / nonZero(largest)) + STEPS;
                if (paths[step] == null) {
                    paths[step] = new StringBuilder();
                }
                // whole pixels: a net of 4096 weights stays a few tens of kilobytes
                paths[step].append('M').append(Math.round(x0[c])).append(' ').append(Math.round(y0[c]))
                        .append('L').append(Math.round(x1[r])).append(' ').append(Math.round(y1[r]));
            }
        }
        SvgElement g = Svg.group().attr("class", "edges").attr("fill", "none");
        for (int step = 0; step < paths.length; step++) {
            if (paths[step] != null) {
                double t = (step - STEPS) / (double) STEPS;
                g.with(Svg.path(paths[step].toString(), "none", Palette.diverging(t), step == STEPS ? 0.75 : 1.5));
            }
        }
        return g;
    }

    private static SvgElement legend(boolean edges) {
        SvgElement g = Svg.group().attr("class", "legend");
        double y = HEIGHT - 16;
        double x = SIDE;
        g.with(Svg.text(x, y + 9, edges ? "naive − correct:" : "incoming error:", "start"));
        x += 106;
        for (int k = edges ? -STEPS : 0; k <= STEPS; k++) {
            g.with(Svg.rect(x, y, 12, 10, Palette.diverging(k / (double) STEPS)));
            x += 13;
        }
        g.with(Svg.text(x + 4, y + 9, edges ? "(one scale per layer; grey: equal)" : "(one scale per layer)", "start"));
        return g;
    }

    private static String errorWords(double e) {
        if (Double.isNaN(e)) {
            return "error —";
        }
        if (Double.isInfinite(e)) {
            return "error ∞";
        }
        return "error " + gradlab.view.Format.num(e);
    }

    private static double largest(double[] v) {
        double m = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                m = Math.max(m, Math.abs(x));
            }
        }
        return m;
    }

    private static double nonZero(double v) {
        return v > 0 ? v : 1;
    }
}
