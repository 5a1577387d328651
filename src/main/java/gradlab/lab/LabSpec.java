package gradlab.lab;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import gradlab.engine.Activation;
import gradlab.engine.Loss;
import gradlab.engine.Procedure;

/**
 * Everything a lab is: one immutable value, the same vocabulary in the URL, the JSON, the
 * command line and the lessons ({@link Param}). It is read from a query by {@link SpecReader},
 * the one home of the rules, and written back by {@link #values()}: everything else receives
 * a valid spec.
 *
 * @param data   a built-in data set or an upload
 * @param n      the number of examples
 * @param noise  how noisy the data is, 0..1
 * @param seed   the one seed for θ0, the data and the minibatch order
 * @param hidden the hidden layers' widths (empty: no hidden layer)
 * @param act    the hidden activation
 * @param loss   the loss, which fixes the output function
 * @param batch  the minibatch size, 1..n
 * @param micro  micro-batch sizes summing to batch (empty: no accumulation pair)
 * @param naive  the naive procedures to compare
 * @param lr     the SGD learning rate
 * @param steps  the number of training steps
 * @param format   the format of a streamed training run
 * @param at       the training step k whose θ the comparison is made at (0: θ0)
 * @param along    the trained copy whose θ_k that is
 * @param examples what the comparison's JSON says about each example
 * @param plane    the gradient cloud's plane
 * @param px       the landscape's horizontal axis, an index into θ (null: chosen at θ0)
 * @param py       its vertical axis (null: chosen at θ0)
 */
public record LabSpec(DataSource data, int n, double noise, int seed, List<Integer> hidden, Activation act, Loss loss,
                      int batch, List<Integer> micro, List<Procedure> naive, double lr, int steps, OutputFormat format,
                      int at, Procedure along, Examples examples, CloudPlane plane, Integer px, Integer py) {

    /** The naive procedures a spec may choose, in DESIGN's order. */
    public static final List<Procedure> NAIVE = List.of(Procedure.MEAN_INPUT, Procedure.MEAN_ERROR);

    public LabSpec {
        hidden = List.copyOf(hidden);
        micro = List.copyOf(micro);
        naive = List.copyOf(naive);
    }

    /** The lab with every default: DESIGN's table. */
    public static LabSpec defaults() {
        return parse("", Limits.DEFAULT, Uploads.NONE);
    }

    /**
     * Parses and validates a query string against the limits. The first bad value, in the
     * table's order, is thrown as a {@link ValidationException} naming its parameter.
     */
    public static LabSpec parse(String query, Limits limits, Uploads uploads) {
        return parse(Query.parse(query), limits, uploads);
    }

    public static LabSpec parse(Query query, Limits limits, Uploads uploads) {
        return SpecReader.read(query, limits, uploads);
    }

    /** The widths d_0..d_L for data with the given input and target columns. */
    public int[] sizes(int inputs, int targets) {
        int[] sizes = new int[hidden.size() + 2];
        sizes[0] = inputs;
        for (int i = 0; i < hidden.size(); i++) {
            sizes[i + 1] = hidden.get(i);
        }
        sizes[sizes.length - 1] = targets;
        return sizes;
    }

    /** The micro-batch sizes as an array (empty: none). */
    public int[] microSizes() {
        return micro.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The same lab written in another format. */
    public LabSpec withFormat(OutputFormat f) {
        return new LabSpec(data, n, noise, seed, hidden, act, loss, batch, micro, naive, lr, steps, f, at, along, examples, plane,
                px, py);
    }

    /** The same lab with the landscape's axes left to their default (a view that chooses them adds its own). */
    public LabSpec withoutAxes() {
        return new LabSpec(data, n, noise, seed, hidden, act, loss, batch, micro, naive, lr, steps, format, at, along,
                examples, plane, null, null);
    }

    /** The same lab compared at θ_k of the copy {@code along} (a copy this lab trains). */
    public LabSpec atStep(int k, Procedure copy) {
        return new LabSpec(data, n, noise, seed, hidden, act, loss, batch, micro, naive, lr, steps, format, k, copy,
                examples, plane, px, py);
    }

    /** The naive procedures this lab compares, in DESIGN's order: the chosen ones, and mean-of-means with micro. */
    public List<Procedure> comparedNaive() {
        List<Procedure> list = new java.util.ArrayList<>(naive);
        if (!micro.isEmpty()) {
            list.add(Procedure.MEAN_OF_MEANS);
        }
        return List.copyOf(list);
    }

    /** Every parameter's value as the URL writes it, in the table's order. */
    public Map<Param, String> values() {
        Map<Param, String> v = new LinkedHashMap<>();
        for (Param p : Param.values()) {
            v.put(p, switch (p) {
                case DATA -> data.id();
                case N -> Integer.toString(n);
                case NOISE -> plain(noise);
                case SEED -> Integer.toString(seed);
                case HIDDEN -> Query.list(hidden);
                case ACT -> act.id();
                case LOSS -> loss.id();
                case BATCH -> Integer.toString(batch);
                case MICRO -> Query.list(micro);
                case NAIVE -> ids(naive);
                case LR -> plain(lr);
                case STEPS -> Integer.toString(steps);
                case FORMAT -> format.id();
                case AT -> Integer.toString(at);
                case ALONG -> along.id();
                case EXAMPLES -> examples.id();
                case PLANE -> plane.id();
                case PX -> px == null ? "" : px.toString();
                case PY -> py == null ? "" : py.toString();
            });
        }
        return v;
    }

    /**
     * The normalised query string of this spec: every parameter, in the table's order, but the
     * page's own ({@link Param#OPTIONAL}) only where they differ from their defaults.
     */
    public String toQuery() {
        return Query.write(queryValues());
    }

    /** The values {@link #toQuery} writes: the page's own parameters only where they are not their defaults. */
    public Map<Param, String> queryValues() {
        Map<Param, String> v = values();
        v.entrySet().removeIf(e -> Param.OPTIONAL.contains(e.getKey()) && e.getValue().equals(e.getKey().fallback()));
        return v;
    }

    /** A user's text as it may appear in a message: at most 40 characters, control characters removed. */
    static String shown(String text) {
        if (text == null) {
            return "";
        }
        String clean = text.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return clean.codePointCount(0, clean.length()) > 40
                ? clean.substring(0, clean.offsetByCodePoints(0, 40)) + "…" : clean;
    }

    /** A number as a person writes it: 0.05, 1000, 1e-7. */
    public static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    /** The naive procedures a spec may choose, as messages list them: "mean-input, mean-error". */
    static String naiveChoices() {
        return NAIVE.stream().map(Procedure::id).collect(Collectors.joining(", "));
    }

    /** Procedure ids as a URL writes them: mean-input,mean-error. */
    public static String ids(List<Procedure> procedures) {
        return procedures.stream().map(Procedure::id).collect(Collectors.joining(","));
    }
}
