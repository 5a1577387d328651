package gradlab.view.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * 2-D classification: the class a copy predicts over a grid (at most 40 × 40 cells, one
 * path per class), with the data points on top, coloured by their true class.
 */
public final class RegionChart {
    public static final int MAX_GRID = 40;

    private RegionChart() {
    }

    /**
     * The predicted classes over a grid covering [x0, x1] × [y0, y1].
     *
     * @param classes classes[row][col], row 0 at y0
     */
    public record Grid(double x0, double x1, double y0, double y1, int[][] classes) {
    }

    /** @param radii each point's radius (its area tells how much its example drives the update) */
    public static SvgElement render(String id, String title, String description, Grid grid,
                                         double[][] points, int[] labels, double[] radii, int classCount) {
        double width = 280;
        double height = 280;
        Ticks.Range xr = Ticks.linear(grid.x0(), grid.x1(), 4).within(grid.x0(), grid.x1());
        Ticks.Range yr = Ticks.linear(grid.y0(), grid.y1(), 4).within(grid.y0(), grid.y1());
        Frame f = new Frame(width, height, xr, yr);
        int rows = grid.classes().length;
        int cols = grid.classes()[0].length;
        double cw = (f.right() - f.left()) / cols;
        double ch = (f.bottom() - f.top()) / rows;
        Svg.PathData[] byClass = new Svg.PathData[classCount];
        for (int k = 0; k < classCount; k++) {
            byClass[k] = new Svg.PathData();
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int k = grid.classes()[r][c];
                // row 0 is at the bottom of the chart
                byClass[k].box(f.left() + c * cw, f.bottom() - (r + 1) * ch, cw, ch);
            }
        }
        List<SvgElement> parts = new ArrayList<>();
        for (int k = 0; k < classCount; k++) {
            if (!byClass[k].isEmpty()) {
                parts.add(Svg.path(byClass[k].toString(), Palette.classTint(k), Palette.classTint(k), 0.5)
                        .with(Svg.tooltip("predicted class " + k)));
            }
        }
        parts.add(f.axes("x1", "x2"));
        SvgElement dots = Svg.group().attr("class", "points");
        for (int i = 0; i < points.length; i++) {
            double px = points[i][0];
            double py = points[i][1];
            if (px < grid.x0() || px > grid.x1() || py < grid.y0() || py > grid.y1()) {
                continue;
            }
            dots.with(Svg.circle(f.px(px), f.py(py), radii[i], Palette.classColour(labels[i]))
                    .attr("stroke", "#ffffff").attr("stroke-width", "0.8"));
        }
        parts.add(dots);
        SvgElement svg = Svg.root(id, width, height, title, description);
        svg.with(parts);
        return svg;
    }
}
