package gradlab.view.svg;

import java.util.ArrayList;
import java.util.List;

/**
 * The plotting area of a chart: maps data to pixels and draws the axes, their ticks and
 * labels, the grid and the legend. The y range may be in log10 units (the caller passes
 * log10 of its values and labels the ticks as powers of ten).
 */
public final class Frame {
    static final double LEFT = 58;
    static final double RIGHT = 14;
    static final double TOP = 30;
    static final double BOTTOM = 42;

    private final double width;
    private final double height;
    private final Ticks.Range x;
    private final Ticks.Range y;

    public Frame(double width, double height, Ticks.Range x, Ticks.Range y) {
        this.width = width;
        this.height = height;
        this.x = x;
        this.y = y;
    }

    public double px(double v) {
        return LEFT + x.fraction(v) * (width - LEFT - RIGHT);
    }

    public double py(double v) {
        return height - BOTTOM - y.fraction(v) * (height - TOP - BOTTOM);
    }

    public double left() {
        return LEFT;
    }

    public double right() {
        return width - RIGHT;
    }

    public double top() {
        return TOP;
    }

    public double bottom() {
        return height - BOTTOM;
    }

    /** Grid lines, tick labels and the two axis titles. */
    public SvgElement axes(String xTitle, String yTitle) {
        List<SvgElement> parts = new ArrayList<>();
        for (double t : y.ticks()) {
            double p = py(t);
            parts.add(Svg.line(left(), p, right(), p, Palette.GRID, 1));
            parts.add(Svg.text(left() - 6, p + 4, y.label(t), "end"));
        }
        for (double t : x.ticks()) {
            double p = px(t);
            parts.add(Svg.line(p, bottom(), p, bottom() + 4, Palette.AXIS, 1));
            parts.add(Svg.text(p, bottom() + 17, x.label(t), "middle"));
        }
        parts.add(Svg.line(left(), bottom(), right(), bottom(), Palette.AXIS, 1));
        parts.add(Svg.line(left(), top(), left(), bottom(), Palette.AXIS, 1));
        parts.add(Svg.text((left() + right()) / 2, height - 6, xTitle, "middle"));
        double cy = (top() + bottom()) / 2;
        parts.add(Svg.text(14, cy, yTitle, "middle").attr("transform", "rotate(-90 14 " + Svg.num(cy) + ")"));
        return Svg.group().attr("class", "axes").with(parts);
    }

    /** A legend along the top: a swatch and a name per entry. */
    public static SvgElement legend(List<String> names, List<String> colours, double width) {
        SvgElement g = Svg.group().attr("class", "legend");
        double xPos = LEFT;
        double row = 14;
        for (int i = 0; i < names.size(); i++) {
            double w = 22 + 7 * names.get(i).length();
            if (xPos + w > width - RIGHT && xPos > LEFT) {
                xPos = LEFT;
                row += 14;
            }
            g.with(Svg.rect(xPos, row - 9, 12, 10, colours.get(i)), Svg.text(xPos + 16, row, names.get(i), "start"));
            xPos += w + 8;
        }
        return g;
    }
}
