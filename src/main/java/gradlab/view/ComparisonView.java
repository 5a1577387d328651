package gradlab.view;

import static j2html.TagCreator.a;
import static j2html.TagCreator.button;
import static j2html.TagCreator.caption;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.h3;
import static j2html.TagCreator.li;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;
import static j2html.TagCreator.span;
import static j2html.TagCreator.strong;
import static j2html.TagCreator.table;
import static j2html.TagCreator.tbody;
import static j2html.TagCreator.td;
import static j2html.TagCreator.text;
import static j2html.TagCreator.th;
import static j2html.TagCreator.thead;
import static j2html.TagCreator.tr;
import static j2html.TagCreator.ul;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import j2html.tags.ContainerTag;
import j2html.tags.DomContent;

import gradlab.engine.Procedure;
import gradlab.engine.Metrics;
import gradlab.engine.Parameters;
import gradlab.lab.Comparison;
import gradlab.lab.LabSpec;
import gradlab.lab.Covariance;
import gradlab.view.svg.BarChart;
import gradlab.view.svg.Palette;
import gradlab.view.svg.ScatterChart;
import gradlab.view.svg.SvgElement;

/**
 * The comparison at θ0: what is happening, in words; the metrics of every procedure; the
 * relative error layer by layer; every parameter's gradient, correct beside naive.
 */
public final class ComparisonView {
    /** The id of the results panel (the form's hx-target). */
    public static final String ID = "results";
    /** A gradient this close to the correct one is called exact. */
    static final double EXACT = 1e-10;
    /** The bar chart shows at most this many parameters, those with the largest correct gradient. */
    static final int MAX_BARS = 32;

    private static final Procedure REF = Procedure.REFERENCE;
    /** The terms of the metrics and per-layer tables, in the glossary under them. */
    private static final List<String> TERMS = List.of("cosine", "angle", "relative error", "norm ratio", "same sign",
            "layer");
    /** What the covariance equals (F1): the correct gradient less mean-error's. */
    private static final String DIFFERENCE = REF.id() + " − " + Procedure.MEAN_ERROR.id();

    private ComparisonView() {
    }

    public static ContainerTag<?> panel(Comparison c, LabLinks links) {
        return panel(c, links, null);
    }

    /** The panel with a refused step (or null): its value and message in the step controls, the comparison nearest it. */
    public static ContainerTag<?> panel(Comparison c, LabLinks links, StepControls.Refusal refused) {
        return section(
                h2("The gradient at " + where(c.spec())),
                StepControls.render(c.spec(), refused),
                p(text(onTheBatch(c)),
                        strong(Format.num(c.cost())),
                        text(". The network has " + Format.count(c.model().scalars(), "parameter") + ".")).withClass("lede"),
                CloudView.beside(c, verdict(c), links),
                metricsTable(c),
                perLayerTable(c),
                weightsTable(c),
                NetworkView.section(c, links),
                Glossary.list("The terms in these tables", TERMS, List.copyOf(c.metrics().keySet())),
                p(text("This comparison as "),
                        a("JSON").withHref(links.json()),
                        text(" or "),
                        a("CSV").withHref(links.csv()),
                        text(" · "),
                        button("Copy the link to this lab").withType("button").attr("data-copy-link", links.lab())
                                .withClass("link"))
                        .withClass("downloads")
        ).withId(ID).withClass("results")
                // the settings shown, so that the page can tell a training run of other settings
                .attr("data-spec", links.query());
    }

    /**
     * What a screen reader hears when a new comparison arrives: the verdict on each naive
     * procedure (the tables stay quiet; they are read on demand).
     */
    public static DomContent announcement(Comparison c) {
        List<DomContent> parts = new ArrayList<>();
        parts.add(text("New comparison. "));
        for (Map.Entry<Procedure, Metrics> e : c.metrics().entrySet()) {
            if (e.getKey().isNaive()) {
                parts.add(sentence(e.getKey(), e.getValue(), c));
                parts.add(text(" "));
            }
        }
        return each(parts.toArray(new DomContent[0]));
    }

    /** The id of the per-parameter panel. */
    public static final String PARAMETERS_ID = "parameters";
    /** The ids of the parts a lesson links to (/lab#metrics), besides the panels'. */
    public static final String METRICS_ID = "metrics";
    public static final String PER_LAYER_ID = "per-layer";
    public static final String BARS_ID = "bars";
    public static final String COVARIANCE_ID = "covariance";

    /** Every parameter: the bar chart of the largest, and the table of all. */
    public static ContainerTag<?> parameters(Comparison c, LabLinks links) {
        return section(
                h2("Parameter by parameter"),
                p("Each parameter's gradient: the correct one beside the naive ones.").withClass("lede"),
                bars(c, links),
                ParameterTable.render(c, shownProcedures(c), links),
                covariance(c, links),
                LandscapeView.placeholder(links)
        ).withId(PARAMETERS_ID).withClass("parameters-panel");
    }

    /** The same, replacing the panel out of band (the form changed). */
    public static ContainerTag<?> parametersOutOfBand(Comparison c, LabLinks links) {
        return parameters(c, links).attr("data-hx-swap-oob", "true");
    }

    /**
     * Where the comparison is made, in words: θ0, or the {@code along} copy's θ after {@code at}
     * steps of training.
     */
    static String where(LabSpec s) {
        return s.at() == 0 ? "θ0" : "step " + s.at() + " of the " + s.along().id() + " copy";
    }

    /** The lede's words before J: the first minibatch at θ0, or that of the next step. */
    private static String onTheBatch(Comparison c) {
        String examples = Format.count(c.batch().size(), "example");
        int k = c.spec().at();
        return k == 0 ? "On the first minibatch of " + examples + ", J(θ0) = "
                : "On the minibatch of step " + (k + 1) + " (" + examples + "), J = ";
    }

    /** No parameters to show (a refused query opened directly). */
    public static ContainerTag<?> noParameters() {
        return section().withId(PARAMETERS_ID).withClass("parameters-panel empty");
    }

    /** The panel before any comparison: a refused query opened directly. */
    public static ContainerTag<?> empty(String message) {
        return section(h2("The gradient at θ0"), p(message).withClass("lede"), StepControls.errorSlots())
                .withId(ID).withClass("results");
    }

    // ---------------------------------------------------------------- in words

    static DomContent verdict(Comparison c) {
        List<DomContent> items = new ArrayList<>();
        for (Map.Entry<Procedure, Metrics> e : c.metrics().entrySet()) {
            if (e.getKey().isNaive()) {
                items.add(li(sentence(e.getKey(), e.getValue(), c)));
            }
        }
        if (items.isEmpty()) {
            items.add(li("No naive procedure is chosen: pick one under “naive procedures” to see what it gets wrong."));
        }
        items.add(li(checks(c)));
        if (c.atKink()) {
            items.add(li(text("Finite differences cross a kink here (a relu unit or an mae residual sits at exactly 0, "
                    + "as at θ0 where b = 0): they measure the mean of the two one-sided slopes, so they may "
                    + "legitimately disagree with the gradient. That is not an error.")).withClass("note"));
        }
        return ul(items.toArray(new DomContent[0])).withClass("verdict");
    }

    static DomContent sentence(Procedure id, Metrics m, Comparison c) {
        DomContent name = span(id.id()).withClass("proc").attr("data-proc", id.id());
        double err = m.relativeError();
        if (Double.isNaN(err)) {
            return each(name, text(" could not be compared: a value is not finite."));
        }
        if (Double.isInfinite(err)) {
            return each(name, text(" is not zero, but the true gradient is: " + (c.spec().at() == 0 ? "θ0" : "this θ")
                    + " is a stationary point of J, and " + id + " would still move."));
        }
        if (err <= EXACT) {
            return each(name, text(" is exact here: it equals the true gradient (relative error "
                    + Format.num(err) + ")." + whyExact(c)));
        }
        if (m.normRatio() == 0) {
            return each(name, text(" is zero here, while the true gradient is not."));
        }
        return each(name, text(" points " + Format.degrees(m.angleDegrees()) + " away from the true gradient; its error is "
                + Format.percent(err) + " of the gradient's size" + lengthWords(m.normRatio()) + "."));
    }

    private static String whyExact(Comparison c) {
        if (c.batch().size() == 1) {
            return " With one example there is nothing to average (F4).";
        }
        return "";
    }

    /**
     * How long a naive gradient is against the true one, in words. A much shorter one is given
     * as its share of the true length, so that "100 % shorter" never stands for a small vector.
     */
    static String lengthWords(double ratio) {
        if (!Double.isFinite(ratio)) {
            return "";
        }
        if (ratio < 0.001) {
            return ", and it is almost zero: less than 0.1 % of the true gradient's length";
        }
        if (ratio < 0.5) {
            return ", and it is only " + Format.percent(ratio) + " of the true gradient's length";
        }
        if (ratio < 0.9) {
            return ", and it is " + Format.percent(1 - ratio) + " shorter";
        }
        if (ratio > 1.1) {
            return ", and it is " + Format.percent(ratio - 1) + " longer";
        }
        return "";
    }

    private static DomContent checks(Comparison c) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<Procedure, Metrics> e : c.metrics().entrySet()) {
            if (!e.getKey().isNaive()) {
                parts.add(e.getKey() + " (relative error " + Format.num(e.getValue().relativeError()) + ")");
            }
        }
        return text("The correct procedures agree with " + REF.id() + ": " + String.join(", ", parts) + ".");
    }

    // ---------------------------------------------------------------- tables

    static DomContent metricsTable(Comparison c) {
        return ScrollBox.labelledBy("caption-metrics", "table-wrap", table(
                caption("Each procedure against the true gradient (" + REF.id() + ")").withId("caption-metrics"),
                thead(tr(th("procedure"), th(Glossary.term("cosine")), th(Glossary.term("angle")),
                        th(Glossary.term("relative error")), th(Glossary.term("norm ratio")),
                        th(Glossary.term("same sign")))),
                tbody(each(c.metrics(), (id, m) -> tr(
                        th(procedure(id)).attr("scope", "row"),
                        undefinedOr(m.cosine(), Format.num(m.cosine()), "undefined: a gradient is zero"),
                        undefinedOr(m.angleDegrees(), Format.degrees(m.angleDegrees()), "undefined: a gradient is zero"),
                        infiniteOr(m.relativeError(), Format.num(m.relativeError())),
                        infiniteOr(m.normRatio(), Format.num(m.normRatio())),
                        td(Format.percent(m.sameSign())).withClass("num"))))
        ).withId(METRICS_ID).withClass("data"));
    }

    static DomContent perLayerTable(Comparison c) {
        int layers = c.model().layers();
        return ScrollBox.labelledBy("caption-layers", "table-wrap", table(
                caption("Relative error layer by layer (W and b together)").withId("caption-layers"),
                thead(tr(th("procedure"), each(IntStream.rangeClosed(1, layers).boxed().toList(),
                        l -> th("layer " + l)))),
                tbody(each(c.metrics(), (id, m) -> tr(
                        th(procedure(id)).attr("scope", "row"),
                        each(IntStream.range(0, layers).boxed().toList(),
                                l -> infiniteOr(m.perLayerRelativeError()[l], Format.num(m.perLayerRelativeError()[l]))))))
        ).withId(PER_LAYER_ID).withClass("data"));
    }

    /** The id of the table of each example's weight (with micro-batches). */
    public static final String WEIGHTS_ID = "weights";

    /**
     * With micro-batches: the weight each example's gradient has in the sum, under accumulate
     * (1/B) and mean-of-means (1/(K·n_k)), one row per micro-batch (its examples share it).
     */
    static DomContent weightsTable(Comparison c) {
        Map<Procedure, double[]> w = c.examples().weights();
        if (w.isEmpty()) {
            return null;
        }
        double[] accumulate = w.get(Procedure.ACCUMULATE);
        double[] meanOfMeans = w.get(Procedure.MEAN_OF_MEANS);
        List<Integer> sizes = c.spec().micro();
        List<DomContent> rows = new ArrayList<>();
        int first = 0;
        for (int k = 0; k < sizes.size(); k++) {
            int n = sizes.get(k);
            rows.add(tr(th("micro-batch " + (k + 1)).attr("scope", "row"),
                    td(examples(first, n)).withClass("num"),
                    td(Format.num(accumulate[first])).withClass("num"),
                    td(Format.num(meanOfMeans[first])).withClass("num"),
                    td(Format.num(meanOfMeans[first] / accumulate[first]) + "×").withClass("num")));
            first += n;
        }
        return ScrollBox.labelledBy("caption-weights", "table-wrap", table(
                caption("Each example's weight in the sum of the gradients").withId("caption-weights"),
                thead(tr(th("part of the batch"), th("examples"), th(procedure(Procedure.ACCUMULATE)),
                        th(procedure(Procedure.MEAN_OF_MEANS)), th("mean-of-means ÷ accumulate"))),
                tbody(each(rows, r -> r))
        ).withId(WEIGHTS_ID).withClass("data"));
    }

    private static String examples(int first, int n) {
        return n == 1 ? Integer.toString(first) : first + "–" + (first + n - 1);
    }

    // ---------------------------------------------------------------- the bar chart

    /** The bars of the parameters with the largest true gradient, every procedure beside the correct one. */
    public static SvgElement barsSvg(Comparison c) {
        Parameters correct = c.gradients().get(REF);
        double[] cf = correct.flat();
        List<Integer> chosen = ParameterTable.largest(cf, MAX_BARS);
        List<String> names = chosen.stream().map(correct::scalarName).toList();
        List<BarChart.Series> series = new ArrayList<>();
        series.add(new BarChart.Series(REF.id(), REF.colour(), pick(cf, chosen)));
        for (Procedure id : shownProcedures(c)) {
            series.add(new BarChart.Series(id.id(), id.colour(), pick(c.gradients().get(id).flat(), chosen)));
        }
        String title = "Gradient per parameter: " + REF.id() + " beside "
                + (shownProcedures(c).isEmpty() ? "nothing"
                : shownProcedures(c).stream().map(Procedure::id).collect(Collectors.joining(", ")));
        return BarChart.render("chart-bars", title, barsDescription(c), "∂J/∂θ", names, series).attr("data-chart", "bars");
    }

    static DomContent bars(Comparison c, LabLinks links) {
        SvgElement svg = barsSvg(c);
        return Charts.figure(svg, barsDescription(c), ComparisonChart.BARS, links).withId(BARS_ID);
    }

    private static String barsDescription(Comparison c) {
        int scalars = c.theta().size();
        String which = scalars > MAX_BARS
                ? "The " + MAX_BARS + " parameters with the largest true gradient, of " + scalars + "."
                : scalars == 1 ? "The one parameter." : "All " + Format.count(scalars, "parameter") + ".";
        Map<Procedure, double[]> shown = new LinkedHashMap<>();
        shown.put(REF, c.gradients().get(REF).flat());
        shownProcedures(c).forEach(id -> shown.put(id, c.gradients().get(id).flat()));
        String same = Coinciding.sentences(Coinciding.groups(shown, 0), "their bars are equal");
        return same.isEmpty() ? which : which + " " + same;
    }

    private static List<Procedure> shownProcedures(Comparison c) {
        return c.gradients().keySet().stream().filter(Procedure::isNaive).toList();
    }

    private static double[] pick(double[] v, List<Integer> indices) {
        return indices.stream().mapToDouble(j -> v[j]).toArray();
    }

    // ---------------------------------------------------------------- the covariance (F1)

    /** Each example's δ against its input for one weight of the last layer (F1's covariance). */
    public static SvgElement covarianceSvg(Covariance v) {
        String delta = "δ (output error)";
        String input = v.inputName() + " (input of the last layer)";
        // a dot per example would outweigh the page for a large batch: a sample is drawn, the means are of all
        int[] drawn = TrainingCharts.sample(v.a().length);
        return ScatterChart.render("chart-covariance", "The piece that averaging first throws away",
                covarianceDescription(v), input, delta, pick(v.a(), drawn), pick(v.delta(), drawn), v.meanA(),
                v.meanDelta(), REF.colour()).attr("data-chart", "covariance");
    }

    private static String covarianceDescription(Covariance v) {
        int n = v.a().length;
        int drawn = TrainingCharts.sample(n).length;
        return "Each example's output error δ against its input " + v.inputName() + " for the weight "
                + v.weight() + ", with both means dashed" + (drawn < n ? " (" + drawn + " of the " + n
                + " examples drawn, the means of all)" : "") + ". Cov(δ, " + v.inputName() + ") = "
                + Format.num(v.covariance()) + "; " + DIFFERENCE + " at " + v.weight() + " = "
                + Format.num(v.difference()) + ".";
    }

    private static double[] pick(double[] v, int[] indices) {
        return IntStream.of(indices).mapToDouble(j -> v[j]).toArray();
    }

    static DomContent covariance(Comparison c, LabLinks links) {
        Covariance v = Covariance.of(c);
        return div(
                h3("What “average the error” throws away"),
                p(text("The correct gradient of " + v.weight() + " is the mean of δ·" + v.inputName()
                        + " over the examples; “average the error” takes mean(δ)·mean(" + v.inputName()
                        + ") instead. The difference is their covariance: "),
                        strong("Cov(δ, " + v.inputName() + ") = " + Format.num(v.covariance())),
                        text(", and " + DIFFERENCE + " at " + v.weight() + " = "),
                        strong(Format.num(v.difference())),
                        text(". The more the points lean, the more the shortcut misses.")),
                Charts.figure(covarianceSvg(v), covarianceDescription(v), ComparisonChart.COVARIANCE, links)
        ).withId(COVARIANCE_ID).withClass("covariance");
    }

    // ---------------------------------------------------------------- cells

    /** A procedure's name, coloured as in the charts, with its explanation to reveal. */
    static DomContent procedure(Procedure id) {
        return div(Glossary.term(id)).withClass("proc").attr("data-proc", id.id());
    }

    private static DomContent undefinedOr(double v, String shown, String why) {
        return Double.isNaN(v) ? td("—").attr("title", why).withClass("num") : td(shown).withClass("num");
    }

    private static DomContent infiniteOr(double v, String shown) {
        if (Double.isInfinite(v)) {
            return td("∞").attr("title", "the true gradient is zero here, this one is not").withClass("num");
        }
        if (Double.isNaN(v)) {
            return td("—").attr("title", "not finite").withClass("num");
        }
        return td(shown).withClass("num");
    }
}
