package gradlab.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import gradlab.data.DataSet;
import gradlab.data.Generator;
import gradlab.engine.Activation;
import gradlab.engine.Loss;
import gradlab.engine.Procedure;

/**
 * Everything a lab is: one immutable value, parsed from a query string, the same vocabulary
 * in the URL, the JSON, the command line and the lessons. This class is the one home of the
 * defaults and the limits: everything else receives a valid spec.
 *
 * @param data   a built-in data set or an upload's id (u- and 12 hex digits)
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
 * @param format the format of a streamed training run: ndjson or csv
 */
public record LabSpec(String data, int n, double noise, int seed, List<Integer> hidden, Activation act, Loss loss,
                      int batch, List<Integer> micro, List<Procedure> naive, double lr, int steps, String format) {

    /** The parameter names, in the order of DESIGN's table (the order errors are reported in). */
    public static final List<String> PARAMS = List.of(
            "data", "n", "noise", "seed", "hidden", "act", "loss", "batch", "micro", "naive", "lr", "steps", "format");

    /** The naive procedures a spec may choose, in DESIGN's order. */
    public static final List<Procedure> NAIVE = List.of(Procedure.MEAN_INPUT, Procedure.MEAN_ERROR);
    public static final List<String> FORMATS = List.of("ndjson", "csv");
    public static final String BUILT_IN_DATA = Arrays.stream(Generator.values()).map(Generator::id)
            .collect(Collectors.joining(", "));
    public static final double MAX_LR = 1000;
    public static final int MAX_SEED = Integer.MAX_VALUE;

    private static final Pattern WHOLE = Pattern.compile("-?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");
    private static final Pattern UPLOAD_ID = Pattern.compile("u-[0-9a-f]{12}");

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
     * table's order, is thrown as a {@link ValidationException} naming its parameter; a
     * combination error names the later parameter.
     */
    public static LabSpec parse(String query, Limits limits, Uploads uploads) {
        Query q = Query.parse(query);
        for (String name : q.names()) {
            if (!PARAMS.contains(name)) {
                throw new ValidationException(name, "unknown parameter \"" + shown(name) + "\"; the parameters are "
                        + String.join(", ", PARAMS));
            }
        }
        String data = q.get("data", "line");
        DataSet upload = null;
        if (UPLOAD_ID.matcher(data).matches()) {
            upload = uploads.find(data);
        } else if (Generator.byId(data) == null) {
            throw new ValidationException("data", "data must be one of " + BUILT_IN_DATA
                    + ", or an uploaded data set's id (u- and 12 hex digits); got \"" + shown(data) + "\"");
        }
        // an upload has its own number of rows, which is also its default n
        int maxN = upload == null ? limits.maxN() : Math.min(limits.maxN(), upload.size());
        int n = whole(q, "n", upload == null ? "32" : Integer.toString(maxN), 1, maxN);
        double noise = decimal(q, "noise", "0.3", 0, 1, "from 0 to 1");
        int seed = whole(q, "seed", "1", 0, MAX_SEED);
        List<Integer> hidden = hidden(q.get("hidden", ""), limits);
        Activation act = choice(q, "act", "tanh", Activation.values(), Activation::id);
        Loss loss = choice(q, "loss", "mse", Loss.values(), Loss::id);
        checkTargets(data, loss, upload != null ? upload.head(n) : LabData.generate(data, n, noise, seed, loss));
        String batchText = q.get("batch", "");
        int batch = batchText.isEmpty() ? n : whole(q, "batch", null, 1, n);
        List<Integer> micro = micro(q.get("micro", ""), batch);
        List<Procedure> naive = naive(q.get("naive", ids(NAIVE)));
        // the smallest positive double is the first value above 0
        double lr = decimal(q, "lr", "0.05", Double.MIN_VALUE, MAX_LR, "with 0 < lr ≤ " + plain(MAX_LR));
        int steps = whole(q, "steps", "200", 1, limits.maxSteps());
        String format = choice(q, "format", "ndjson", FORMATS.toArray(new String[0]), s -> s);
        return new LabSpec(data, n, noise, seed, hidden, act, loss, batch, micro, naive, lr, steps, format);
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

    /** The normalised query string of this spec: every parameter, in the table's order. */
    public String toQuery() {
        List<String> parts = new ArrayList<>();
        parts.add("data=" + data);
        parts.add("n=" + n);
        parts.add("noise=" + plain(noise));
        parts.add("seed=" + seed);
        parts.add("hidden=" + joined(hidden));
        parts.add("act=" + act.id());
        parts.add("loss=" + loss.id());
        parts.add("batch=" + batch);
        parts.add("micro=" + joined(micro));
        parts.add("naive=" + ids(naive));
        parts.add("lr=" + plain(lr));
        parts.add("steps=" + steps);
        parts.add("format=" + format);
        return String.join("&", parts).replace(",", "%2C");
    }

    // ------------------------------------------------------------------ the rules, one per parameter

    private static void checkTargets(String data, Loss loss, DataSet set) {
        if (loss == Loss.BCE && !set.targetsInUnitInterval()) {
            throw new ValidationException("loss", "loss bce needs every target in [0, 1], and data " + data
                    + " has targets outside it; choose a classification data set, or mse, mae, huber or linear");
        }
        if (loss == Loss.CE) {
            if (set.targets() < 2) {
                throw new ValidationException("loss", "loss ce needs at least 2 target columns (one per class), and data "
                        + data + " has " + set.targets() + "; choose a classification data set, or another loss");
            }
            int row = set.firstRowNotADistribution();
            if (row > 0) {
                throw new ValidationException("loss", "loss ce needs targets that are ≥ 0 and sum to 1 in every row; "
                        + "row " + row + " of data " + data + " does not");
            }
        }
    }

    private static List<Integer> hidden(String text, Limits limits) {
        String rule = "hidden must be up to " + limits.maxLayers() + " comma-separated widths from 1 to "
                + limits.maxWidth() + ", e.g. 8,8 (empty for no hidden layer)";
        if (text.isEmpty()) {
            return List.of();
        }
        String[] parts = text.split(",", -1);
        if (parts.length > limits.maxLayers()) {
            throw new ValidationException("hidden", rule + "; got " + parts.length + " layers");
        }
        List<Integer> widths = new ArrayList<>();
        int total = 0;
        for (String p : parts) {
            Integer w = wholeOrNull(p, 1, limits.maxWidth());
            if (w == null) {
                throw new ValidationException("hidden", rule + "; got \"" + shown(text) + "\"");
            }
            widths.add(w);
            total += w;
        }
        if (total > limits.maxTotalWidth()) {
            throw new ValidationException("hidden", "hidden layers may have at most " + limits.maxTotalWidth()
                    + " units together on this server; got " + total);
        }
        return widths;
    }

    private static List<Integer> micro(String text, int batch) {
        String rule = "micro must be comma-separated micro-batch sizes summing to batch = " + batch
                + ", e.g. " + example(batch) + " (empty for none)";
        if (text.isEmpty()) {
            return List.of();
        }
        String[] parts = text.split(",", -1);
        if (parts.length > batch) {
            throw new ValidationException("micro", rule + "; got " + parts.length + " sizes");
        }
        List<Integer> sizes = new ArrayList<>();
        long sum = 0;
        for (String p : parts) {
            Integer s = wholeOrNull(p, 1, batch);
            if (s == null) {
                throw new ValidationException("micro", rule + "; got \"" + shown(text) + "\"");
            }
            sizes.add(s);
            sum += s;
        }
        if (sum != batch) {
            throw new ValidationException("micro", rule + "; got \"" + shown(text) + "\", which sums to " + sum);
        }
        return sizes;
    }

    private static String example(int batch) {
        return batch >= 2 ? (batch / 4 > 0 ? batch / 4 + "," + (batch - batch / 4) : "1," + (batch - 1)) : "1";
    }

    private static List<Procedure> naive(String text) {
        String rule = "naive must be a comma-separated subset of " + NAIVE.stream().map(Procedure::id).collect(Collectors.joining(", "))
                + " (empty for none)";
        if (text.isEmpty()) {
            return List.of();
        }
        List<Procedure> chosen = new ArrayList<>();
        for (String id : text.split(",", -1)) {
            Procedure p = Procedure.parse(id).orElse(null);
            if (p == null || !NAIVE.contains(p) || chosen.contains(p)) {
                throw new ValidationException("naive", rule + "; got \"" + shown(text) + "\"");
            }
            chosen.add(p);
        }
        // the table's order, whatever order the URL gave
        return NAIVE.stream().filter(chosen::contains).toList();
    }

    private static int whole(Query q, String name, String fallback, int min, int max) {
        String text = q.get(name, fallback);
        Integer v = text == null ? null : wholeOrNull(text, min, max);
        if (v == null) {
            throw new ValidationException(name, name + " must be a whole number from " + min + " to " + max
                    + "; got \"" + shown(text) + "\"");
        }
        return v;
    }

    private static Integer wholeOrNull(String text, int min, int max) {
        if (!WHOLE.matcher(text).matches() || text.length() > 12) {
            return null;
        }
        long v = Long.parseLong(text);
        return v < min || v > max ? null : (int) v;
    }

    private static double decimal(Query q, String name, String fallback, double min, double max, String range) {
        String text = q.get(name, fallback);
        if (DECIMAL.matcher(text).matches()) {
            // + 0.0 turns −0 into 0, so that the same value has one spelling
            double v = Double.parseDouble(text) + 0.0;
            if (v >= min && v <= max) {
                return v;
            }
        }
        throw new ValidationException(name, name + " must be a number " + range + "; got \"" + shown(text) + "\"");
    }

    private static <T> T choice(Query q, String name, String fallback, T[] options,
                                java.util.function.Function<T, String> id) {
        String text = q.get(name, fallback);
        for (T option : options) {
            if (id.apply(option).equals(text)) {
                return option;
            }
        }
        String all = Arrays.stream(options).map(id).collect(Collectors.joining(", "));
        throw new ValidationException(name, name + " must be one of " + all + "; got \"" + shown(text) + "\"");
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

    /** Procedure ids as a URL writes them: mean-input,mean-error. */
    public static String ids(List<Procedure> procedures) {
        return procedures.stream().map(Procedure::id).collect(Collectors.joining(","));
    }

    private static String joined(List<Integer> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
