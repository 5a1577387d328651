package gradlab.view;

import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.p;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import j2html.tags.DomContent;

import gradlab.engine.Procedure;
import gradlab.data.DataSet;
import gradlab.engine.Model;
import gradlab.engine.Parameters;
import gradlab.lab.Predictions;
import gradlab.lab.RunLandscape;
import gradlab.lab.TrainingHistory;
import gradlab.view.svg.FitChart;
import gradlab.view.svg.LandscapeChart;
import gradlab.view.svg.LineChart;
import gradlab.view.svg.Palette;
import gradlab.view.svg.RegionChart;
import gradlab.view.svg.Svg;
import gradlab.view.svg.SvgElement;

/**
 * The charts of a training run, redrawn as it goes: J of every copy (linear, and log when
 * every J is positive), the cosine and the relative error of each naive copy's gradient to the
 * true one (the relative error goes to 1 where a copy stalls on its shortcut's zero), what
 * each copy has learned — its fit to 1-D data, or its decision regions on 2-D classes — drawn
 * at θ_k of the latest recorded step k, and each copy's path θ0..θ_k over the loss landscape.
 */
public final class TrainingCharts {
    private static final int CURVE_POINTS = 120;
    /** A chart draws at most this many data points (every k-th example), so that it stays small. */
    static final int MAX_POINTS = 400;

    private TrainingCharts() {
    }

    public static DomContent render(TrainingHistory h, DataSet data, Model model, Function<Procedure, Parameters> thetas) {
        return render(h, data, model, thetas, null);
    }

    /** The charts with, when {@code landscape} is not null, every copy's path over the loss landscape last. */
    public static DomContent render(TrainingHistory h, DataSet data, Model model, Function<Procedure, Parameters> thetas,
                                    RunLandscape landscape) {
        List<DomContent> parts = new ArrayList<>();
        parts.add(div(Charts.figure(costChart(h, false), costCaption(h), "gradlab-cost.svg")).withClass("scale-linear"));
        if (h.allCostsPositive()) {
            parts.add(div(Charts.figure(costChart(h, true), costCaption(h) + " Log scale.", "gradlab-cost-log.svg"))
                    .withClass("scale-log"));
        } else {
            parts.add(p("The log scale is off: some J is zero or negative (the linear cost has no minimum).")
                    .withClass("note scale-log"));
        }
        if (h.copies().stream().anyMatch(Procedure::isNaive)) {
            parts.add(Charts.figure(cosineChart(h), cosineCaption(h), "gradlab-cosine.svg"));
            parts.add(Charts.figure(relativeErrorChart(h), relativeErrorCaption(h), "gradlab-relative-error.svg"));
        }
        if (h.hasNoiseScale()) {
            parts.add(Charts.figure(noiseChart(h), NOISE_CAPTION, "gradlab-noise.svg"));
        }
        parts.add(pictures(h, data, model, thetas));
        if (landscape != null) {
            parts.add(Charts.figure(LandscapeChart.run("chart-paths", landscape).attr("data-chart", "landscape"),
                    landscapeCaption(landscape), "gradlab-paths.svg"));
        }
        return each(parts.toArray(new DomContent[0]));
    }

    /** What the run's landscape shows: whose slice its contours are, and when they are drawn. */
    static String landscapeCaption(RunLandscape l) {
        String k = "θ" + l.paths().step();
        String slice;
        if (l.through().isPresent()) {
            slice = "The contours are drawn again at the end, as the slice through " + LandscapeChart.through(l)
                    + " (every other parameter as there, J on the minibatch of its next step), the landscape of the "
                    + "comparison at that step.";
        } else if (l.end()) {
            slice = "The contours are the slice through θ0: every copy diverged, so there is no last θ to draw them through.";
        } else {
            slice = "The contours are the slice through θ0 (J on the first minibatch), drawn once at the start; they are "
                    + "drawn again through the last θ when the run ends.";
        }
        return "Each copy's path θ0 to " + k + " over " + l.x().name() + " and " + l.y().name() + ", projected on "
                + "that plane: a path moves through every parameter, so it may cross contours it never met. " + slice
                + (LandscapeChart.grown(l) ? " The paths leave the contours' window: beyond its dashed edge there are none."
                : "");
    }

    private static String costCaption(TrainingHistory h) {
        StringBuilder s = new StringBuilder("The cost J over all the data, per copy, at the recorded steps.");
        for (Procedure id : h.copies()) {
            if (h.divergedAt(id) >= 0) {
                s.append(' ').append(id).append(" diverged at step ").append(h.divergedAt(id)).append('.');
            }
        }
        return withCoinciding(s.toString(), series(h, h.copies(), h::costs), 0, "one line hides the other");
    }

    private static String cosineCaption(TrainingHistory h) {
        return withCoinciding("How well each naive copy's gradient points along the true gradient at its own θ: "
                + "1 is the same direction, 0 a right angle.", series(h, naive(h), h::cosines), 1,
                "one line hides the other");
    }

    private static String relativeErrorCaption(TrainingHistory h) {
        return withCoinciding("How far each naive copy's gradient is from the true gradient at its own θ, "
                + "‖g − c‖/‖c‖: 0 is exact, 1 as large as the true gradient itself. A copy that has stalled on its "
                + "shortcut's zero sits at 1: its own gradient has vanished, the true one has not. A gap is a step "
                + "where the true gradient is zero (∞).", series(h, naive(h), h::relativeErrors), 1,
                "one line hides the other");
    }

    /** The caption, and a sentence for every group of copies whose lines coincide. */
    private static String withCoinciding(String caption, Map<Procedure, double[]> values, double unit, String what) {
        String same = Coinciding.sentences(Coinciding.groups(values, unit), what);
        return same.isEmpty() ? caption : caption + " " + same;
    }

    private static List<Procedure> naive(TrainingHistory h) {
        return h.copies().stream().filter(Procedure::isNaive).toList();
    }

    private static Map<Procedure, double[]> series(TrainingHistory h, List<Procedure> copies,
                                                   Function<Procedure, double[]> values) {
        Map<Procedure, double[]> m = new LinkedHashMap<>();
        copies.forEach(id -> m.put(id, values.apply(id)));
        return m;
    }

    private static SvgElement costChart(TrainingHistory h, boolean log) {
        List<LineChart.Series> series = new ArrayList<>();
        for (Procedure id : h.copies()) {
            series.add(new LineChart.Series(id.id(), id.colour(), h.steps(), h.costs(id), h.divergedAt(id)));
        }
        return LineChart.render(log ? "chart-cost-log" : "chart-cost", "Cost J over training steps",
                costCaption(h), "step", log ? "J (log scale)" : "J", series, log, Double.NaN, Double.NaN)
                .attr("data-chart", "cost");
    }

    private static SvgElement cosineChart(TrainingHistory h) {
        List<LineChart.Series> series = new ArrayList<>();
        for (Procedure id : h.copies()) {
            if (id.isNaive()) {
                series.add(new LineChart.Series(id.id(), id.colour(), h.steps(), h.cosines(id), h.divergedAt(id)));
            }
        }
        return LineChart.render("chart-cosine", "Cosine to the true gradient over training steps", cosineCaption(h),
                "step", "cosine", series, false, -1, 1).attr("data-chart", "cosine");
    }

    static final String NOISE_CAPTION = "The noise scale B_simple = tr Σ / ‖G‖² of the correct copy, over all the data "
            + "at its θ, on a log scale: about the batch size at which a step's noise is as large as its signal. "
            + "A batch much smaller than B_simple takes steps mostly in a noisy direction; it typically grows as J falls.";

    /** B_simple of the correct copy over training steps. */
    private static SvgElement noiseChart(TrainingHistory h) {
        Procedure ref = Procedure.REFERENCE;
        return LineChart.render("chart-noise", "The noise scale B_simple over training steps", NOISE_CAPTION, "step",
                "B_simple (log scale)", List.of(new LineChart.Series(ref.id(), ref.colour(), h.steps(), h.bSimple(),
                        h.divergedAt(ref))), true, Double.NaN, Double.NaN).attr("data-chart", "noise");
    }

    private static SvgElement relativeErrorChart(TrainingHistory h) {
        List<LineChart.Series> series = new ArrayList<>();
        for (Procedure id : naive(h)) {
            series.add(new LineChart.Series(id.id(), id.colour(), h.steps(), h.relativeErrors(id), h.divergedAt(id)));
        }
        return LineChart.render("chart-relative-error", "Relative error over training steps", relativeErrorCaption(h),
                "step", "relative error", series, false, 0, 1).attr("data-chart", "relative-error");
    }

    private static DomContent pictures(TrainingHistory h, DataSet data, Model model, Function<Procedure, Parameters> thetas) {
        return switch (Predictions.kind(data)) {
            case FIT -> fit(h, data, model, thetas);
            case REGIONS -> regions(h, data, model, thetas);
            case NONE -> p("No picture of the fit: it is drawn for one input and one target, or two inputs and classes.")
                    .withClass("note");
        };
    }

    private static DomContent fit(TrainingHistory h, DataSet data, Model model, Function<Procedure, Parameters> thetas) {
        int[] shown = sample(data.size());
        double[] x = column(data.x(), 0, shown);
        double[] y = column(data.y(), 0, shown);
        double[] grid = Predictions.grid(java.util.Arrays.stream(x).min().orElse(0),
                java.util.Arrays.stream(x).max().orElse(1), CURVE_POINTS);
        List<LineChart.Series> curves = new ArrayList<>();
        Map<Procedure, double[]> predictions = new LinkedHashMap<>();
        for (Procedure id : h.copies()) {
            if (h.divergedAt(id) < 0) {
                predictions.put(id, Predictions.curve(model, thetas.apply(id), grid));
                curves.add(new LineChart.Series(id.id(), id.colour(), grid, predictions.get(id), -1));
            }
        }
        String same = Coinciding.sentences(Coinciding.groups(predictions, 0), "one curve hides the other");
        Procedure ref = Procedure.REFERENCE;
        double[] radii = Svg.radiiByArea(h.divergedAt(ref) < 0
                ? Predictions.gradientNorms(model, thetas.apply(ref), data, shown) : new double[shown.length], 1.5, 6);
        String description = "The data (grey points" + (shown.length < data.size() ? ", " + shown.length + " of "
                + data.size() : "") + ", each with an area in proportion to its gradient's norm ‖g_i‖ at the correct "
                + "copy's θ: the examples that drive its next step) and each copy's prediction f(x) now."
                + (same.isEmpty() ? "" : " " + same);
        return Charts.figure(FitChart.render("chart-fit", "What each copy has learned", description, x, y, radii, grid,
                        curves).attr("data-chart", "fit"),
                "The data and each copy's current fit; a point's area is its example's ‖g_i‖ at the correct copy's θ, "
                        + "how hard it pulls on the next step." + (same.isEmpty() ? "" : " " + same), "gradlab-fit.svg");
    }

    private static DomContent regions(TrainingHistory h, DataSet data, Model model, Function<Procedure, Parameters> thetas) {
        double[] box = Predictions.box(data);
        int[] shown = sample(data.size());
        double[][] points = new double[shown.length][];
        int[] labels = new int[shown.length];
        for (int k = 0; k < shown.length; k++) {
            int i = shown[k];
            points[k] = new double[] {data.x().get(i, 0), data.x().get(i, 1)};
            labels[k] = Predictions.label(data, i);
        }
        List<DomContent> panels = new ArrayList<>();
        for (Procedure id : h.copies()) {
            if (h.divergedAt(id) >= 0) {
                panels.add(p(id + " diverged: no regions to draw.").withClass("note"));
                continue;
            }
            int[][] classes = Predictions.classes(model, thetas.apply(id), box[0], box[1], box[2], box[3],
                    RegionChart.MAX_GRID);
            double[] radii = Svg.radiiByArea(Predictions.gradientNorms(model, thetas.apply(id), data, shown), 1.5, 6);
            panels.add(Charts.figure(RegionChart.render("chart-regions-" + id, "Decision regions of " + id,
                            "The class " + id + "'s copy predicts over the plane, with the data coloured by true class, "
                                    + "each point's area in proportion to its gradient's norm ‖g_i‖ at this copy's θ.",
                            new RegionChart.Grid(box[0], box[1], box[2], box[3], classes), points, labels, radii,
                            Predictions.classes(data)).attr("data-chart", "regions"),
                    id.id(), "gradlab-regions-" + id.id() + ".svg"));
        }
        return div(panels.toArray(new DomContent[0])).withClass("small-multiples");
    }

    /** Every k-th example, at most {@link #MAX_POINTS} of them. */
    static int[] sample(int n) {
        int every = (n + MAX_POINTS - 1) / MAX_POINTS;
        return java.util.stream.IntStream.range(0, n).filter(i -> i % every == 0).toArray();
    }

    private static double[] column(org.ejml.data.DMatrixRMaj m, int c, int[] rows) {
        double[] out = new double[rows.length];
        for (int k = 0; k < rows.length; k++) {
            out[k] = m.get(rows[k], c);
        }
        return out;
    }
}
