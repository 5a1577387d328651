package gradlab.view.svg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import gradlab.engine.Procedure;
import gradlab.lab.Landscape;
import gradlab.lab.RunLandscape;
import gradlab.lab.Slice;
import gradlab.lab.StepPaths;
import gradlab.view.Format;
import gradlab.view.MissingPairSentence;

/**
 * The loss landscape over two parameters: J as filled contours (grid cells binned into
 * levels, one path per level), the level of the counterexample as a dashed contour line,
 * every procedure's −gradient at θ0 as an arrow, and the two points θa, θb that share a J
 * but not a gradient, each with its own −gradient.
 */
public final class LandscapeChart {
    private static final String WHITE = Contours.WHITE;
    /** The square plot: the frame's width and height. The legend sits to its right. */
    private static final double PLOT = 440;
    private static final double WIDTH = 670;
    /** The longest arrow at θ0, as a share of the plot's half-width… */
    private static final double LONGEST = 0.35;
    /** …and the longer of θa's and θb's own arrows. */
    private static final double MARKED = 0.18;

    private LandscapeChart() {
    }

    public static SvgElement render(String id, Landscape l) {
        Landscape.Axis ax = l.x();
        Landscape.Axis ay = l.y();
        Frame f = frame(l);
        Slice slice = l.slice();
        Contours.Bins bins = Contours.Bins.of(slice);
        List<SvgElement> parts = new ArrayList<>();
        parts.add(Contours.cells(f, slice, bins));
        parts.add(f.axes(ax.name(), ay.name()));
        parts.add(Svg.text(f.left(), 18, l.step() == 0 ? "J on the first minibatch; arrows: −gradient at θ0"
                : "J on the slice through θ" + l.step() + "; paths: θ0 to θ" + l.step() + ", projected", "start"));
        l.counterexample().ifPresent(p -> parts.add(Contours.contour(f, slice, p.costA())));
        parts.add(paths(f, l.paths()));
        parts.add(arrows(f, l));
        l.counterexample().ifPresent(p -> parts.add(marked(f, p)));
        double[] bottom = {PLOT};
        parts.add(legend(l, bins, bottom));
        // a long legend (the paths' keys at a step) makes the chart taller, never the plot
        SvgElement svg = Svg.root(id, WIDTH, Math.max(PLOT, Math.ceil(bottom[0] + 8)), "Loss landscape over " + ax.name() + " and " + ay.name(),
                description(l));
        svg.with(parts);
        return svg;
    }

    /**
     * A training run's landscape: every copy's path so far over the contours of one slice, θ0's
     * while the run goes and, at its end, the slice through the last θ of one copy. Where the
     * paths leave the slice's window the chart's window grows, and the contours' edge is outlined.
     */
    public static SvgElement run(String id, RunLandscape l) {
        Frame f = frame(l.x(), l.y());
        Slice slice = l.slice();
        Contours.Bins bins = Contours.Bins.of(slice);
        List<SvgElement> parts = new ArrayList<>();
        parts.add(Contours.cells(f, slice, bins));
        boolean grown = grown(l);
        if (grown) {
            parts.add(outline(f, slice, 0, 0));
        }
        parts.add(f.axes(l.x().name(), l.y().name()));
        parts.add(Svg.text(f.left(), 18, "J on the slice through " + through(l) + "; paths: θ0 to θ" + l.paths().step()
                + ", projected", "start"));
        parts.add(paths(f, l.paths()));
        SvgElement legend = Svg.group().attr("class", "legend");
        double x = PLOT + 8;
        double y = pathKeys(legend, x, Frame.TOP + 4, l.paths());
        if (grown) {
            y += 26;
            legend.with(outline(null, null, x, y), Svg.text(x + 28, y, "edge of the contours", "start"));
        }
        y = levelKeys(legend, x, y, bins);
        parts.add(legend);
        SvgElement svg = Svg.root(id, WIDTH, Math.max(PLOT, Math.ceil(y + 8)), "Each copy's path over the loss landscape, "
                + l.x().name() + " and " + l.y().name(), runDescription(l));
        svg.with(parts);
        return svg;
    }

    /** θ0, or θ_k and its copy: the θ the run's slice goes through. */
    public static String through(RunLandscape l) {
        return l.through().map(c -> "θ" + l.sliceStep() + " of " + c.id()).orElse("θ0");
    }

    /** Whether the chart's window is larger than the contours': some path has left the slice's window. */
    public static boolean grown(RunLandscape l) {
        return !l.x().equals(l.slice().x()) || !l.y().equals(l.slice().y());
    }

    /**
     * The contours' edge, a thin dashed rectangle: around the slice's window in the frame, or (with
     * no frame) a legend key of 22 × 10 at (x, y − 9).
     */
    private static SvgElement outline(Frame f, Slice slice, double x, double y) {
        SvgElement r = f == null ? Svg.rect(x, y - 9, 22, 10, "none")
                : Svg.rect(f.px(slice.x().min()), f.py(slice.y().max()), f.px(slice.x().max()) - f.px(slice.x().min()),
                        f.py(slice.y().min()) - f.py(slice.y().max()), "none");
        return r.attr("stroke", Palette.INK).attr("stroke-width", "1").attr("stroke-dasharray", "3 3")
                .attr("class", "contour-edge");
    }

    /** The run chart's text alternative: the slice and its minibatch, the windows, the range of J, and the paths. */
    public static String runDescription(RunLandscape l) {
        Slice slice = l.slice();
        StringBuilder s = new StringBuilder();
        s.append(l.through().isPresent() ? "J over the minibatch of step " + (l.sliceStep() + 1) : "J over the first minibatch")
                .append(" on the slice through ").append(through(l)).append(" (every other parameter as there), as ")
                .append(slice.x().name()).append(" runs from ").append(Format.num(slice.x().min())).append(" to ")
                .append(Format.num(slice.x().max())).append(" and ").append(slice.y().name()).append(" from ")
                .append(Format.num(slice.y().min())).append(" to ").append(Format.num(slice.y().max()))
                .append(range(slice)).append('.');
        if (grown(l)) {
            s.append(" The paths leave that window: the chart runs from ").append(Format.num(l.x().min())).append(" to ")
                    .append(Format.num(l.x().max())).append(" and from ").append(Format.num(l.y().min())).append(" to ")
                    .append(Format.num(l.y().max())).append(", with no contours beyond their dashed edge.");
        }
        String paths = pathWords(l.paths(), through(l));
        if (!paths.isEmpty()) {
            s.append(' ').append(paths);
        }
        return s.toString();
    }

    /** The text alternative: the plane, the range of J, which arrows coincide, and the pair's numbers. */
    static String description(Landscape l) {
        StringBuilder s = new StringBuilder();
        s.append(l.step() == 0 ? "J over the first minibatch as " : "J over the minibatch of step " + (l.step() + 1) + " as ")
                .append(l.x().name()).append(" runs from ")
                .append(Format.num(l.x().min())).append(" to ").append(Format.num(l.x().max())).append(" and ")
                .append(l.y().name()).append(" from ").append(Format.num(l.y().min())).append(" to ")
                .append(Format.num(l.y().max())).append(", every other parameter at ").append(centre(l));
        s.append(range(l.slice()));
        s.append(". At ").append(centre(l)).append(" (J = ").append(Format.num(l.costAtTheta0())).append(") the arrows show the −gradient of ")
                .append(l.arrows().keySet().stream().map(Procedure::id).collect(Collectors.joining(", "))).append('.');
        List<String> tiny = tooShort(l);
        if (!tiny.isEmpty()) {
            s.append(' ').append(words(tiny)).append(tiny.size() == 1 ? " is" : " are")
                    .append(" too short to see: under 5 % of the longest arrow.");
        }
        String same = coincidences(l);
        if (!same.isEmpty()) {
            s.append(' ').append(same);
        }
        String paths = pathWords(l);
        if (!paths.isEmpty()) {
            s.append(' ').append(paths);
        }
        s.append(' ');
        if (l.counterexample().isPresent()) {
            Landscape.Counterexample p = l.counterexample().get();
            s.append("θa and θb both have J = ").append(Format.num(p.costA())).append("; their gradients are ")
                    .append(Format.degrees(p.angleDegrees())).append(" apart.");
        } else {
            s.append("No pair of points with the same J and different gradients: ")
                    .append(MissingPairSentence.of(l.reason().orElseThrow())).append('.');
        }
        return s.toString();
    }

    /** "; J ranges from a to b" over the slice's finite values, or nothing when there are none. */
    private static String range(Slice l) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < l.size(); r++) {
            for (int c = 0; c < l.size(); c++) {
                if (Double.isFinite(l.cost(r, c))) {
                    min = Math.min(min, l.cost(r, c));
                    max = Math.max(max, l.cost(r, c));
                }
            }
        }
        return min <= max ? "; J ranges from " + Format.num(min) + " to " + Format.num(max) : "";
    }

    /** a; a and b; a, b and c. */
    private static String words(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /**
     * Procedures whose arrow is shorter than 5 % of the longest (about 3 pixels) or has no
     * finite length: drawn, or not, under θ0's dot. The scale is the screen's, so it depends
     * on both axes' ranges.
     */
    static List<String> tooShort(Landscape l) {
        Frame f = frame(l);
        double longest = 0;
        Map<String, Double> lengths = new LinkedHashMap<>();
        for (Map.Entry<Procedure, Landscape.Projection> e : l.arrows().entrySet()) {
            double[] v = pixels(f, e.getValue());
            double len = v == null ? 0 : Math.hypot(v[0], v[1]);
            lengths.put(e.getKey().id(), len);
            longest = Math.max(longest, len);
        }
        List<String> tiny = new ArrayList<>();
        for (Map.Entry<String, Double> e : lengths.entrySet()) {
            if (e.getValue() < 0.05 * longest || longest == 0) {
                tiny.add(e.getKey());
            }
        }
        return tiny;
    }

    /**
     * One sentence per group of arrows that are the same in this plane, "mean-input coincides
     * with per-example: …"; empty when every arrow shows.
     */
    public static String coincidences(Landscape l) {
        StringBuilder s = new StringBuilder();
        for (List<String> same : coinciding(l)) {
            List<String> others = same.subList(1, same.size());
            s.append(s.length() > 0 ? " " : "").append(words(others)).append(others.size() == 1 ? " coincides" : " coincide")
                    .append(" with ").append(same.get(0)).append(" in this plane: one arrow lies on the other, "
                            + "the earlier drawn wider.");
        }
        return s.toString();
    }

    /** Procedures whose arrows are the same (to 1e-9 relative), in groups of two or more. */
    private static List<List<String>> coinciding(Landscape l) {
        Map<Landscape.Projection, List<String>> groups = new LinkedHashMap<>();
        for (Map.Entry<Procedure, Landscape.Projection> e : l.arrows().entrySet()) {
            Landscape.Projection key = e.getValue();
            for (Landscape.Projection k : groups.keySet()) {
                if (close(k, e.getValue())) {
                    key = k;
                    break;
                }
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(e.getKey().id());
        }
        return groups.values().stream().filter(g -> g.size() > 1).toList();
    }

    private static boolean close(Landscape.Projection a, Landscape.Projection b) {
        double scale = Math.max(Math.hypot(a.x(), a.y()), Math.hypot(b.x(), b.y()));
        return Math.hypot(a.x() - b.x(), a.y() - b.y()) <= 1e-9 * scale;
    }

    /** θ0, or θ at step k: where the plane goes through. */
    public static String centre(Landscape l) {
        return l.step() == 0 ? "θ0" : "θ" + l.step();
    }

    /** What the paths show, in words: the slice and the projection, where each copy ends, or why none is drawn. */
    public static String pathWords(Landscape l) {
        if (l.step() == 0) {
            return "";
        }
        StepPaths paths = l.paths();
        if (!paths.budget()) {
            return "The copies' paths are not drawn: replaying every copy to step " + l.step()
                    + " is above this server's training budget.";
        }
        return pathWords(paths, "θ" + l.step());
    }

    /**
     * The contours' slice ({@code slice}: "θ5", "θ0") and where each copy's path ends, in words;
     * empty when there is no path.
     */
    static String pathWords(StepPaths paths, String slice) {
        if (paths.paths().isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("The contours are the slice through " + slice + "; each trained copy's path θ0 to θ"
                + paths.step() + " is projected on this plane:");
        String sep = " ";
        for (Map.Entry<Procedure, StepPaths.Path> e : paths.paths().entrySet()) {
            StepPaths.Path p = e.getValue();
            s.append(sep).append(e.getKey().id());
            if (p.size() == 0) {
                s.append(" has no finite point");
            } else {
                int last = p.size() - 1;
                s.append(p.diverged() ? " diverged at step " + p.divergedAt() + ", last at (" : " ends at (")
                        .append(Format.num(p.x(last))).append(", ").append(Format.num(p.y(last))).append(')');
            }
            sep = "; ";
        }
        return s.append('.').toString();
    }

    // ------------------------------------------------------------------ paths

    /** Dashes that tell the copies' paths apart without their colours. */
    private static final List<String> DASHES = List.of("", "7 4", "2 3", "9 3 2 3");

    /**
     * Every copy's path θ0..θ_k projected on the plane, in its procedure's colour on a white
     * casing, its start a small ring and its end a dot labelled with the copy's name.
     */
    private static SvgElement paths(Frame f, StepPaths paths) {
        SvgElement g = Svg.group().attr("class", "paths");
        List<Label> labels = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Procedure, StepPaths.Path> e : paths.paths().entrySet()) {
            Procedure copy = e.getKey();
            StepPaths.Path p = e.getValue();
            String dash = DASHES.get(i++ % DASHES.size());
            if (p.size() == 0) {
                continue;
            }
            Svg.PathData d = line(f, p);
            int last = p.size() - 1;
            double ex = f.px(p.x(last));
            double ey = f.py(p.y(last));
            boolean right = ex < (f.left() + f.right()) / 2;
            labels.add(new Label(copy.id(), copy.colour(), right ? ex + 6 : ex - 6, ey - 6, right ? "start" : "end"));
            String words = copy.id() + ": θ0 to θ" + p.steps()[last] + (p.diverged() ? " (diverged at step " + p.divergedAt() + ")" : "")
                    + ", projected; ends at (" + Format.num(p.x(last)) + ", " + Format.num(p.y(last)) + ")";
            SvgElement line = Svg.path(d.toString(), "none", copy.colour(), 2)
                    .attr("stroke-linejoin", "round").attr("stroke-linecap", "round")
                    .attr("data-role", "path").attr("data-proc", copy.id())
                    // the end in data units, exactly: θ_k's two scalars (or the last finite θ's)
                    .attr("data-end", Double.toString(p.x(last)) + " " + Double.toString(p.y(last)))
                    .with(Svg.tooltip(words));
            if (!dash.isEmpty()) {
                line.attr("stroke-dasharray", dash);
            }
            g.with(Svg.path(d.toString(), "none", WHITE, 4).attr("stroke-linejoin", "round"), line,
                    Svg.circle(f.px(p.x(0)), f.py(p.y(0)), 3, WHITE).attr("stroke", copy.colour()).attr("stroke-width", "1.5"),
                    Svg.circle(ex, ey, 3.5, copy.colour()).attr("stroke", WHITE).attr("stroke-width", "1"));
        }
        // paths that end close keep their labels apart: one line (12 px) at least between two
        labels.sort(java.util.Comparator.comparingDouble(Label::y));
        double below = f.top() + 10 - LABEL_LINE;
        for (Label label : labels) {
            double y = Math.max(label.y(), below + LABEL_LINE);
            below = y;
            g.with(Svg.text(label.x(), y, label.text(), label.anchor()).attr("font-size", "11").attr("stroke", WHITE)
                            .attr("stroke-width", "3"),
                    Svg.text(label.x(), y, label.text(), label.anchor()).attr("font-size", "11").attr("fill", label.colour()));
        }
        return g;
    }

    /**
     * A path's line in pixels. A point that falls on the pixel (to a tenth) of the one before is
     * left out: a copy that has settled adds nothing to see, and its hundreds of points would
     * only weigh on the page.
     */
    private static Svg.PathData line(Frame f, StepPaths.Path p) {
        Svg.PathData d = new Svg.PathData().moveTo(f.px(p.x(0)), f.py(p.y(0)));
        String lastX = Svg.num(f.px(p.x(0)));
        String lastY = Svg.num(f.py(p.y(0)));
        for (int j = 1; j < p.size(); j++) {
            double x = f.px(p.x(j));
            double y = f.py(p.y(j));
            String sx = Svg.num(x);
            String sy = Svg.num(y);
            if (!sx.equals(lastX) || !sy.equals(lastY) || j == p.size() - 1) {
                d.lineTo(x, y);
                lastX = sx;
                lastY = sy;
            }
        }
        return d;
    }

    /** The height of a path's label. */
    private static final double LABEL_LINE = 12;

    /** A path's label, where it would go before it is kept apart from the others. */
    private record Label(String text, String colour, double x, double y, String anchor) {
    }

    // ------------------------------------------------------------------ arrows

    /** The −gradient at θ0 of every procedure, one scale for all; earlier ones wider, so that coinciding arrows show as rims. */
    private static SvgElement arrows(Frame f, Landscape l) {
        double ox = f.px(l.x().theta0());
        double oy = f.py(l.y().theta0());
        List<Procedure> ids = new ArrayList<>(l.arrows().keySet());
        List<double[]> pixels = new ArrayList<>();
        double longest = 0;
        for (Procedure id : ids) {
            double[] v = pixels(f, l.arrows().get(id));
            pixels.add(v);
            if (v != null) {
                longest = Math.max(longest, Math.hypot(v[0], v[1]));
            }
        }
        double scale = longest > 0 ? LONGEST * halfWidth(f) / longest : 0;
        SvgElement casing = Svg.group().attr("class", "arrow-casing");
        SvgElement g = Svg.group().attr("class", "arrows");
        for (int i = 0; i < ids.size(); i++) {
            double[] v = pixels.get(i);
            if (v == null || scale == 0 || Math.hypot(v[0], v[1]) == 0) {
                continue;
            }
            double width = 2 + 1.2 * (ids.size() - 1 - i);
            double tx = ox + scale * v[0];
            double ty = oy + scale * v[1];
            casing.with(arrow(ox, oy, tx, ty, width + 2.5, WHITE));
            Landscape.Projection p = l.arrows().get(ids.get(i));
            g.with(arrow(ox, oy, tx, ty, width, ids.get(i).colour())
                    .with(Svg.tooltip(ids.get(i) + ": gradient (" + Format.num(p.x()) + ", " + Format.num(p.y()) + ")")));
        }
        g.with(Svg.circle(ox, oy, 2.5, Palette.INK));
        return Svg.group(casing, g);
    }

    /** θa and θb, labelled, each with its own −gradient (one scale for both). */
    private static SvgElement marked(Frame f, Landscape.Counterexample p) {
        double[] va = pixels(f, p.gradientA());
        double[] vb = pixels(f, p.gradientB());
        double longest = Math.max(va == null ? 0 : Math.hypot(va[0], va[1]), vb == null ? 0 : Math.hypot(vb[0], vb[1]));
        double scale = longest > 0 ? MARKED * halfWidth(f) / longest : 0;
        SvgElement g = Svg.group().attr("class", "marked");
        String[] labels = {"θa", "θb"};
        Landscape.Point[] points = {p.a(), p.b()};
        double[][] vs = {va, vb};
        for (int k = 0; k < 2; k++) {
            double cx = f.px(points[k].x());
            double cy = f.py(points[k].y());
            double[] v = vs[k];
            if (drawn(v) && scale > 0) {
                g.with(arrow(cx, cy, cx + scale * v[0], cy + scale * v[1], 3.5, WHITE),
                        arrow(cx, cy, cx + scale * v[0], cy + scale * v[1], 1.5, Palette.INK));
            }
            // the label sits on the side away from the point's arrow (θa's is also where θ0's arrows are)
            double lx = cx + 9;
            double ly = cy - 9;
            if (v != null && Math.hypot(v[0], v[1]) > 0) {
                double n = Math.hypot(v[0], v[1]);
                lx = cx - 14 * v[0] / n;
                ly = cy - 14 * v[1] / n;
            }
            lx = Math.max(f.left() + 9, Math.min(f.right() - 9, lx));
            ly = Math.max(f.top() + 9, Math.min(f.bottom() - 9, ly));
            g.with(Svg.circle(cx, cy, 4.5, WHITE).attr("stroke", Palette.INK).attr("stroke-width", "1.5")
                            .with(Svg.tooltip(labels[k] + ": J = " + Format.num(k == 0 ? p.costA() : p.costB()))),
                    // a white halo drawn under the label: a stroked copy beneath it (paint-order is SVG 2)
                    Svg.text(lx, ly + 4, labels[k], "middle").attr("font-weight", "bold")
                            .attr("stroke", WHITE).attr("stroke-width", "3"),
                    Svg.text(lx, ly + 4, labels[k], "middle").attr("font-weight", "bold"));
        }
        return g;
    }

    /** A −gradient as a pixel displacement: the step θ − k·∇J in data units, mapped to the screen. */
    private static double[] pixels(Frame f, Landscape.Projection g) {
        if (!Double.isFinite(g.x()) || !Double.isFinite(g.y())) {
            return null;
        }
        // px and py are affine: the difference of two images is the image of the difference
        double sx = f.px(1) - f.px(0);
        double sy = f.py(1) - f.py(0);
        double[] v = {-g.x() * sx, -g.y() * sy};
        return Double.isFinite(v[0]) && Double.isFinite(v[1]) ? v : null;
    }

    /** Whether a displacement makes an arrow: finite and not zero. */
    private static boolean drawn(double[] v) {
        return v != null && Math.hypot(v[0], v[1]) > 0;
    }

    private static double halfWidth(Frame f) {
        return (f.right() - f.left()) / 2;
    }

    /** A shaft and a filled triangular head, both in one colour. */
    private static SvgElement arrow(double x0, double y0, double x1, double y1, double width, String colour) {
        double len = Math.hypot(x1 - x0, y1 - y0);
        double ux = (x1 - x0) / len;
        double uy = (y1 - y0) / len;
        double head = Math.min(len, 6 + 1.6 * width);
        double half = 0.5 * head;
        double bx = x1 - head * ux;
        double by = y1 - head * uy;
        // the shaft stops inside the head, so that its square end does not poke through the tip
        double sx = x1 - 0.7 * head * ux;
        double sy = y1 - 0.7 * head * uy;
        Svg.PathData shaft = new Svg.PathData().moveTo(x0, y0).lineTo(sx, sy);
        Svg.PathData tip = new Svg.PathData().moveTo(x1, y1).lineTo(bx - half * uy, by + half * ux)
                .lineTo(bx + half * uy, by - half * ux).lineTo(x1, y1);
        return Svg.group(Svg.path(shaft.toString(), "none", colour, width),
                Svg.path(tip.toString(), colour, colour, 1)).attr("class", "arrow");
    }

    // ------------------------------------------------------------------ legend and axes

    /** The legend; {@code bottom[0]} is raised to its lowest baseline. */
    private static SvgElement legend(Landscape l, Contours.Bins bins, double[] bottom) {
        SvgElement g = Svg.group().attr("class", "legend");
        double x = PLOT + 8;
        double y = Frame.TOP + 4;
        g.with(Svg.text(x, y, "−gradient at " + centre(l), "start").attr("font-weight", "bold"));
        List<String> tiny = tooShort(l);
        for (Procedure id : l.arrows().keySet()) {
            y += 16;
            g.with(arrow(x, y - 4, x + 22, y - 4, 2, id.colour()),
                    Svg.text(x + 28, y, tiny.contains(id.id()) ? id.id() + " (too short)" : id.id(), "start"));
        }
        if (!l.paths().paths().isEmpty()) {
            y = pathKeys(g, x, y + 26, l.paths());
        }
        if (l.counterexample().isPresent()) {
            Landscape.Counterexample p = l.counterexample().get();
            y += 26;
            g.with(Svg.line(x, y - 4, x + 22, y - 4, Palette.INK, 1.5).attr("stroke-dasharray", "6 3"),
                    Svg.text(x + 28, y, "J = " + Format.num(p.costA()), "start"));
            y += 16;
            g.with(Svg.circle(x + 11, y - 4, 4.5, WHITE).attr("stroke", Palette.INK).attr("stroke-width", "1.5"),
                    Svg.text(x + 28, y, "θa, θb: gradients " + Format.degrees(p.angleDegrees()) + " apart", "start"));
            if (drawn(pixels(frame(l), p.gradientA())) || drawn(pixels(frame(l), p.gradientB()))) {
                y += 16;
                g.with(arrow(x, y - 4, x + 22, y - 4, 1.5, Palette.INK),
                        Svg.text(x + 28, y, "−gradient at θa, θb", "start"));
            }
        } else {
            y += 26;
            g.with(Svg.text(x, y, "no θa, θb in this plane", "start"));
        }
        y = levelKeys(g, x, y, bins);
        bottom[0] = Math.max(bottom[0], y);
        return g;
    }

    /** The paths' heading at baseline {@code y} and a key per copy; returns the last baseline. */
    private static double pathKeys(SvgElement g, double x, double y, StepPaths paths) {
        g.with(Svg.text(x, y, "path θ0 to θ" + paths.step() + " (projected)", "start").attr("font-weight", "bold"));
        int i = 0;
        for (Procedure copy : paths.paths().keySet()) {
            y += 16;
            String dash = DASHES.get(i++ % DASHES.size());
            SvgElement key = Svg.line(x, y - 4, x + 22, y - 4, copy.colour(), 2);
            if (!dash.isEmpty()) {
                key.attr("stroke-dasharray", dash);
            }
            g.with(key, Svg.text(x + 28, y, copy.id(), "start"));
        }
        return y;
    }

    /** The levels of J under the baseline {@code y}, the highest on top as on a map's key; returns the last baseline. */
    private static double levelKeys(SvgElement g, double x, double y, Contours.Bins bins) {
        if (bins.count() > 0) {
            y += 26;
            g.with(Svg.text(x, y, "J", "start").attr("font-weight", "bold"));
            for (int k = bins.count() - 1; k >= 0; k--) {
                y += 15;
                g.with(Svg.rect(x, y - 10, 14, 12, Contours.RAMP.get(k)).attr("stroke", Palette.AXIS).attr("stroke-width", "0.5"),
                        Svg.text(x + 20, y, Format.num(bins.lower(k)) + " to " + Format.num(bins.upper(k)), "start"));
            }
        }
        return y;
    }

    private static Frame frame(Landscape l) {
        return frame(l.x(), l.y());
    }

    private static Frame frame(Landscape.Axis x, Landscape.Axis y) {
        return new Frame(PLOT, PLOT, range(x), range(y));
    }

    /** The axis over exactly the grid's range, with the nice ticks inside it. */
    private static Ticks.Range range(Landscape.Axis a) {
        return Ticks.linear(a.min(), a.max(), 5).within(a.min(), a.max());
    }
}
