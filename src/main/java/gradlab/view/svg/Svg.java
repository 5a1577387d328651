package gradlab.view.svg;

import java.util.Locale;

/**
 * A small typed factory for SVG (j2html has no SVG tags). Every attribute and text is escaped
 * as j2html escapes it (see {@link SvgElement}). Elements are always written with a closing
 * tag. Colours are presentation attributes, not styles, so that a downloaded chart keeps
 * them and the page needs no inline style.
 */
public final class Svg {
    private Svg() {
    }

    /** Any SVG element, by its name. */
    public static SvgElement element(String name) {
        return new SvgElement(name);
    }

    /** The root element: a viewBox of w × h, a title and a description for screen readers. */
    public static SvgElement root(String id, double w, double h, String title, String description) {
        return element("svg")
                .attr("xmlns", "http://www.w3.org/2000/svg")
                .attr("viewBox", "0 0 " + num(w) + " " + num(h))
                .attr("role", "img")
                .attr("aria-labelledby", id + "-title " + id + "-desc")
                .attr("id", id)
                .attr("class", "chart")
                .attr("font-family", "system-ui, sans-serif")
                .attr("font-size", "12")
                .with(element("title").attr("id", id + "-title").withText(title),
                        element("desc").attr("id", id + "-desc").withText(description));
    }

    public static SvgElement group(SvgElement... children) {
        return element("g").with(children);
    }

    public static SvgElement line(double x1, double y1, double x2, double y2, String stroke, double width) {
        return element("line").attr("x1", num(x1)).attr("y1", num(y1)).attr("x2", num(x2)).attr("y2", num(y2))
                .attr("stroke", stroke).attr("stroke-width", num(width));
    }

    public static SvgElement rect(double x, double y, double w, double h, String fill) {
        return element("rect").attr("x", num(x)).attr("y", num(y)).attr("width", num(Math.max(0, w)))
                .attr("height", num(Math.max(0, h))).attr("fill", fill);
    }

    public static SvgElement circle(double cx, double cy, double r, String fill) {
        return element("circle").attr("cx", num(cx)).attr("cy", num(cy)).attr("r", num(r)).attr("fill", fill);
    }

    /**
     * Radii whose areas are proportional to the values (the largest gets {@code largest}), never
     * below {@code least}, so that a zero is still seen; all {@code least} when no value is finite
     * and positive.
     */
    public static double[] radiiByArea(double[] values, double least, double largest) {
        double max = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                max = Math.max(max, v);
            }
        }
        double[] r = new double[values.length];
        for (int i = 0; i < r.length; i++) {
            double v = values[i];
            r[i] = max > 0 && Double.isFinite(v) ? Math.max(least, largest * Math.sqrt(Math.max(0, v) / max)) : least;
        }
        return r;
    }

    /** A circle that takes its fill from its group. */
    public static SvgElement dot(double cx, double cy, double r) {
        return element("circle").attr("cx", num(cx)).attr("cy", num(cy)).attr("r", num(r));
    }

    public static SvgElement path(String d, String fill, String stroke, double width) {
        return element("path").attr("d", d).attr("fill", fill).attr("stroke", stroke).attr("stroke-width", num(width));
    }

    /** Text anchored at (x, y): anchor is start, middle or end. */
    public static SvgElement text(double x, double y, String text, String anchor) {
        return element("text").attr("x", num(x)).attr("y", num(y)).attr("text-anchor", anchor)
                .attr("fill", Palette.INK).withText(text);
    }

    /** A tooltip for the enclosing element. */
    public static SvgElement tooltip(String text) {
        return element("title").withText(text);
    }

    /**
     * A coordinate with one decimal: enough for a screen, short in the page. The same text as
     * {@code String.format(Locale.ROOT, "%.1f", v)} — Java's shortest decimal digits of v,
     * rounded half up — without a Formatter, which is most of a chart's cost: a chart has
     * thousands of coordinates.
     */
    public static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        double a = Math.abs(v);
        if (a < 1e6) {
            // tenths of |v|: exact enough here (a few ulps of 1e7 at most) to round at once,
            // unless they sit within a hair of a half, where v's shortest digits must decide
            double t = a * 10;
            double floor = Math.floor(t);
            double frac = t - floor;
            if (Math.abs(frac - 0.5) > 1e-6) {
                return tenths((long) floor + (frac > 0.5 ? 1 : 0), v < 0);
            }
        }
        String digits = Double.toString(a);
        int dot = digits.indexOf('.');
        if (!Double.isFinite(v) || digits.indexOf('E') >= 0 || dot > 15) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        long whole = Long.parseLong(digits, 0, dot, 10);
        int tenths = digits.charAt(dot + 1) - '0';
        // half up: the digits after the tenths are at least a half exactly when the next one is 5 or more
        if (dot + 2 < digits.length() && digits.charAt(dot + 2) >= '5' && ++tenths == 10) {
            tenths = 0;
            whole++;
        }
        return (v < 0 ? "-" : "") + whole + "." + tenths;
    }

    /** r tenths written as a decimal with one digit after the point, "-" first where negative. */
    private static String tenths(long r, boolean negative) {
        char[] out = new char[21];
        int at = out.length;
        out[--at] = (char) ('0' + r % 10);
        out[--at] = '.';
        long whole = r / 10;
        do {
            out[--at] = (char) ('0' + whole % 10);
            whole /= 10;
        } while (whole > 0);
        if (negative) {
            out[--at] = '-';
        }
        return new String(out, at, out.length - at);
    }

    /** Builds a path's d attribute. */
    public static final class PathData {
        private final StringBuilder d = new StringBuilder();

        public PathData moveTo(double x, double y) {
            d.append('M').append(num(x)).append(' ').append(num(y));
            return this;
        }

        public PathData lineTo(double x, double y) {
            d.append('L').append(num(x)).append(' ').append(num(y));
            return this;
        }

        /** A closed axis-aligned rectangle. */
        public PathData box(double x, double y, double w, double h) {
            d.append('M').append(num(x)).append(' ').append(num(y))
                    .append('h').append(num(w)).append('v').append(num(h))
                    .append('h').append(num(-w)).append('z');
            return this;
        }

        public boolean isEmpty() {
            return d.length() == 0;
        }

        @Override
        public String toString() {
            return d.toString();
        }
    }
}
