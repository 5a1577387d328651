package gradlab.lab;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import gradlab.data.Generator;
import gradlab.engine.Activation;
import gradlab.engine.Loss;
import gradlab.engine.Procedure;

/**
 * The query parameters of DESIGN's table, in its order (the order errors are reported in):
 * one vocabulary for the URL, the JSON, the command line, the lessons and the form. Each row
 * holds the name, the default as the URL writes it, the range in words (for --help), and
 * the form's label and one-line hint. A new parameter is one row here and one rule in
 * {@link SpecReader}.
 */
public enum Param {
    DATA("data", "line", "default line", "data", l -> "the examples: curves to fit, or points to classify",
            l -> builtInData()),
    N("n", "32", "default 32", "n", l -> "how many examples, 1–" + l.maxN(),
            l -> "examples, 1.." + l.maxN(), new Bounds(1, false, Limits::maxN, "1")),
    NOISE("noise", "0.3", "default 0.3", "noise", l -> "how far the data scatter from the pattern, 0–1",
            l -> "0..1", new Bounds(0, false, l -> 1, "0.05")),
    SEED("seed", "1", "default 1", "seed", l -> "one number fixes θ0, the data and the minibatch order",
            l -> "0.." + Param.MAX_SEED, new Bounds(0, false, l -> Param.MAX_SEED, "1")),
    HIDDEN("hidden", "", "default empty: no hidden layer", "hidden layers",
            l -> "widths, e.g. 8,8 (up to " + l.maxLayers() + (l.maxLayers() == 1 ? " layer" : " layers") + " of 1–"
                    + l.maxWidth() + "); empty for none",
            l -> "comma-separated hidden widths, 0-" + l.maxLayers() + " layers of 1.." + l.maxWidth()),
    ACT("act", "tanh", "default tanh", "activation φ", l -> "the non-linearity of the hidden layers",
            l -> Arrays.stream(Activation.values()).map(Activation::id).collect(Collectors.joining(", "))),
    LOSS("loss", "mse", "default mse", "loss ℓ",
            l -> "per example; bce and ce are for classes, linear has no minimum",
            l -> Arrays.stream(Loss.values()).map(Loss::id).collect(Collectors.joining(", "))),
    BATCH("batch", "", "default n", "batch", l -> "examples per gradient step; empty for all n",
            l -> "minibatch size, 1..n", new Bounds(1, false, Limits::maxN, "1")),
    MICRO("micro", "", "default empty: none", "micro-batches",
            l -> "sizes summing to batch, e.g. 8,24, to compare accumulation",
            l -> "micro-batch sizes summing to batch, e.g. 4,12,16"),
    NAIVE("naive", LabSpec.ids(LabSpec.NAIVE), "default both; empty: none",
            "naive procedures", l -> "the shortcuts shown beside the correct gradient",
            l -> "a comma-separated subset of " + LabSpec.naiveChoices()),
    LR("lr", "0.05", "default 0.05", "learning rate", l -> "the SGD step size, 0 < lr ≤ " + LabSpec.plain(Param.MAX_LR),
            l -> "learning rate, 0 < lr <= " + LabSpec.plain(Param.MAX_LR), new Bounds(0, true, l -> Param.MAX_LR, "any")),
    STEPS("steps", "200", "default 200", "steps", l -> "how many SGD steps Train takes, 1–" + l.maxSteps(),
            l -> "training steps, 1.." + l.maxSteps(), new Bounds(1, false, Limits::maxSteps, "1")),
    FORMAT("format", "ndjson", "default ndjson", null, null,
            l -> "ndjson or csv, for train"),
    AT("at", "0", "default 0: θ0", null, null,
            l -> "the training step k whose θ the comparison is made at, 0.." + l.maxSteps() + ", independent of steps",
            new Bounds(0, false, Limits::maxSteps, "1")),
    ALONG("along", Procedure.REFERENCE.id(), "default " + Procedure.REFERENCE.id(), null, null,
            l -> "the trained copy whose θ_k at means: per-example, a procedure in naive, or mean-of-means with micro"),
    EXAMPLES("examples", "", "default empty: none", null, null,
            l -> "gradients adds every example's own gradient to compare (batch x scalars <= "
                    + Examples.MAX_NUMBERS + ")"),
    PLANE("plane", "naive", "default naive", null, null,
            l -> "the gradient cloud's plane: naive, naive:<procedure> or params"),
    PX("px", "", "default chosen at θ0", null, null,
            l -> "the landscape's horizontal axis: a parameter's index, 0..scalars-1"),
    PY("py", "", "default chosen at θ0", null, null,
            l -> "the landscape's vertical axis: a parameter's index, 0..scalars-1, not px");

    /** The page's own parameters: a URL writes them only where they differ from their defaults. */
    public static final java.util.Set<Param> OPTIONAL = java.util.EnumSet.of(AT, ALONG, EXAMPLES, PLANE, PX, PY);

    /** The largest learning rate. */
    public static final double MAX_LR = 1000;
    /** The largest seed. */
    public static final int MAX_SEED = Integer.MAX_VALUE;
    /** The built-in data sets, as --help and messages list them. */
    public static final String BUILT_IN_DATA = builtInData();

    private final String id;
    private final String fallback;
    private final String defaultWords;
    private final String label;
    private final Function<Limits, String> hint;
    private final Function<Limits, String> range;

    /**
     * A number parameter's range: its least value (above it, not at it, when {@code above}),
     * its most on a server with given limits, and the step the form's field moves by.
     */
    public record Bounds(double min, boolean above, ToDoubleFunction<Limits> max, String step) {
        /** The least value allowed: the first double above min when min itself is not. */
        public double least() {
            return above ? Math.nextUp(min) : min;
        }

        public double most(Limits limits) {
            return max.applyAsDouble(limits);
        }
    }

    private final Bounds bounds;

    Param(String id, String fallback, String defaultWords, String label, Function<Limits, String> hint,
          Function<Limits, String> range) {
        this(id, fallback, defaultWords, label, hint, range, null);
    }

    Param(String id, String fallback, String defaultWords, String label, Function<Limits, String> hint,
          Function<Limits, String> range, Bounds bounds) {
        this.bounds = bounds;
        this.id = id;
        this.fallback = fallback;
        this.defaultWords = defaultWords;
        this.label = label;
        this.hint = hint;
        this.range = range;
    }

    /** The name in the URL, the JSON, the command line and lesson front matter. */
    public String id() {
        return id;
    }

    /** The value an absent parameter takes, as the URL writes it ("" for batch: n). */
    public String fallback() {
        return fallback;
    }

    /** Whether the lab form has a field for it (format is the API's only). */
    public boolean inForm() {
        return label != null;
    }

    /** A number parameter's range (empty for the others). */
    public java.util.Optional<Bounds> bounds() {
        return java.util.Optional.ofNullable(bounds);
    }

    /** The form's label. */
    public String label() {
        return label;
    }

    /** The form's one line under the label, with this server's caps. */
    public String hint(Limits limits) {
        return hint == null ? null : hint.apply(limits);
    }

    /** One line of --help: the name, its values with this server's caps, and its default. */
    public String help(Limits limits) {
        return String.format("  %-7s %s (%s)", id, range.apply(limits), defaultWords);
    }

    private static String builtInData() {
        return Arrays.stream(Generator.values()).map(Generator::id).collect(Collectors.joining(", "));
    }

    /** The parameter called {@code id}, if there is one. */
    public static java.util.Optional<Param> parse(String id) {
        return Arrays.stream(values()).filter(p -> p.id.equals(id)).findFirst();
    }

    /** Every name, in the table's order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(Param::id).toList();
    }

    @Override
    public String toString() {
        return id;
    }
}
