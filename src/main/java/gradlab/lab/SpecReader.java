package gradlab.lab;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import gradlab.data.DataSet;
import gradlab.data.Generator;
import gradlab.engine.Activation;
import gradlab.engine.Loss;
import gradlab.engine.Procedure;

/**
 * Reads a query into a valid {@link LabSpec}: one rule per parameter of {@link Param}'s table,
 * in its order, so that the first bad value is the one reported; a combination error names
 * the later parameter. This is the one place where values are checked.
 */
final class SpecReader {
    private static final Pattern WHOLE = Pattern.compile("-?[0-9]+");
    /** A plain finite decimal: no NaN, Infinity, hex, suffix or space (Guesses reads its values by it too). */
    static final Pattern DECIMAL = Pattern.compile("-?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");

    private SpecReader() {
    }

    static LabSpec read(Query q, Limits limits, Uploads uploads) {
        for (String name : q.names()) {
            if (Param.parse(name).isEmpty()) {
                throw new ValidationException(name, "unknown parameter \"" + LabSpec.shown(name) + "\"; the parameters are "
                        + String.join(", ", Param.names()));
            }
        }
        DataSource data = data(q.get(Param.DATA));
        DataSet upload = data instanceof DataSource.Upload u ? uploads.find(u.id()) : null;
        // an upload has its own number of rows, which is also its default n
        int maxN = upload == null ? limits.maxN() : Math.min(limits.maxN(), upload.size());
        int n = whole(q, Param.N, upload == null ? cappedDefault(Param.N, maxN) : Integer.toString(maxN), maxN);
        double noise = decimal(q, Param.NOISE, limits, "from 0 to 1");
        if (upload != null) {
            // noise shapes only a built-in data set: an upload is used as it came, so its spec holds
            // the default whatever was asked, and two links that give the same numbers are one link
            noise = Double.parseDouble(Param.NOISE.fallback());
        }
        int seed = whole(q, Param.SEED, limits);
        List<Integer> hidden = hidden(q.get(Param.HIDDEN), limits);
        Activation act = choice(q, Param.ACT, Activation.values(), Activation::id);
        Loss loss = choice(q, Param.LOSS, Loss.values(), Loss::id);
        DataSet set = upload != null ? upload.head(n)
                : LabData.generate(((DataSource.BuiltIn) data).generator(), n, noise, seed, loss);
        checkTargets(data, loss, set);
        String batchText = q.get(Param.BATCH);
        int batch = batchText.isEmpty() ? n : whole(q, Param.BATCH, Param.BATCH.fallback(), n);
        List<Integer> micro = micro(q.get(Param.MICRO), batch);
        List<Procedure> naive = naive(q.get(Param.NAIVE));
        // the smallest positive double is the first value above 0
        double lr = decimal(q, Param.LR, limits, "with 0 < lr ≤ " + LabSpec.plain(Param.MAX_LR));
        int steps = whole(q, Param.STEPS, limits);
        OutputFormat format = choice(q, Param.FORMAT, OutputFormat.values(), OutputFormat::id);
        long scalars = scalars(set, hidden);
        int at = at(q, limits, batch, scalars);
        Procedure along = along(q.get(Param.ALONG), naive, micro);
        Examples examples = examples(q, batch, scalars);
        CloudPlane plane = plane(q.get(Param.PLANE), naive, micro);
        Integer px = axis(q, Param.PX, scalars, null);
        Integer py = axis(q, Param.PY, scalars, px);
        return new LabSpec(data, n, noise, seed, hidden, act, loss, batch, micro, naive, lr, steps, format, at, along,
                examples, plane, px, py);
    }

    /** The number of scalars in θ of the network for this data set. */
    private static long scalars(DataSet set, List<Integer> hidden) {
        long scalars = 0;
        int previous = set.inputs();
        for (int width : hidden) {
            scalars += (long) width * (previous + 1);
            previous = width;
        }
        return scalars + (long) set.targets() * (previous + 1);
    }

    /**
     * The training step of the comparison: 0 to the cap on steps, and within a training run's
     * work budget, since reaching θ_k replays k steps of one copy on minibatches of this size.
     */
    private static int at(Query q, Limits limits, int batch, long scalars) {
        int at = whole(q, Param.AT, limits);
        long perStep = batch * scalars;
        if ((long) at * perStep > limits.trainWorkBudget()) {
            long most = limits.trainWorkBudget() / perStep;
            throw new ValidationException(Param.AT, "at must be a whole number from 0 to " + most + " for this lab: "
                    + "reaching step k replays k steps on a batch of " + batch + " with " + scalars + " scalars in θ, "
                    + "and k × batch × scalars = " + at * perStep + " is above this server's training budget of "
                    + limits.trainWorkBudget() + "; use an earlier step, a smaller batch or a smaller network");
        }
        return at;
    }

    /** The copy whose θ_k {@code at} means: one that a training run of this lab trains. */
    private static Procedure along(String text, List<Procedure> naive, List<Integer> micro) {
        List<Procedure> trained = Procedures.copies(naive, micro);
        return Procedure.parse(text).filter(trained::contains).orElseThrow(() -> new ValidationException(Param.ALONG,
                "along must be a copy that this lab trains: " + LabSpec.ids(trained).replace(",", ", ")
                        + " (per-example, each procedure in naive, and mean-of-means with micro); got \""
                        + LabSpec.shown(text) + "\""));
    }

    private static Examples examples(Query q, int batch, long scalars) {
        String text = q.get(Param.EXAMPLES);
        Examples e = Arrays.stream(Examples.values()).filter(x -> x.id().equals(text)).findFirst().orElseThrow(() ->
                new ValidationException(Param.EXAMPLES, "examples must be gradients, or empty for none; got \""
                        + LabSpec.shown(text) + "\""));
        long numbers = batch * scalars;
        if (e == Examples.GRADIENTS && numbers > Examples.MAX_NUMBERS) {
            throw new ValidationException(Param.EXAMPLES, "examples=gradients lists batch × scalars numbers, at most "
                    + Examples.MAX_NUMBERS + "; this lab has a batch of " + batch + " and " + scalars + " scalars in θ, "
                    + numbers + " numbers; use a smaller batch or network, or leave examples empty");
        }
        return e;
    }

    private static CloudPlane plane(String text, List<Procedure> naive, List<Integer> micro) {
        List<Procedure> compared = new ArrayList<>(naive);
        if (!micro.isEmpty()) {
            compared.add(Procedure.MEAN_OF_MEANS);
        }
        return CloudPlane.parse(text, compared).orElseThrow(() -> new ValidationException(Param.PLANE,
                "plane must be naive, params, or naive: and one of the compared naive procedures ("
                        + (compared.isEmpty() ? "none here" : LabSpec.ids(compared).replace(",", ", ")) + "); got \""
                        + LabSpec.shown(text) + "\""));
    }

    /** A parameter index 0..scalars−1 (empty: chosen at θ0), different from {@code other}. */
    private static Integer axis(Query q, Param p, long scalars, Integer other) {
        String text = q.get(p);
        if (text.isEmpty()) {
            return null;
        }
        Integer j = wholeOrNull(text, 0, (int) Math.min(Integer.MAX_VALUE, scalars - 1));
        if (j == null) {
            throw new ValidationException(p, p.id() + " must be a parameter's index from 0 to " + (scalars - 1)
                    + " (empty: chosen at θ0); got \"" + LabSpec.shown(text) + "\"");
        }
        if (j.equals(other)) {
            throw new ValidationException(p, p.id() + " must differ from px, which is also " + j);
        }
        return j;
    }

    private static DataSource data(String text) {
        if (DataSource.Upload.ID.matcher(text).matches()) {
            return new DataSource.Upload(text);
        }
        Optional<Generator> g = Generator.parse(text);
        if (g.isEmpty()) {
            throw new ValidationException(Param.DATA, "data must be one of " + Param.BUILT_IN_DATA
                    + ", or an uploaded data set's id (u- and 12 hex digits); got \"" + LabSpec.shown(text) + "\"");
        }
        return new DataSource.BuiltIn(g.get());
    }

    private static void checkTargets(DataSource source, Loss loss, DataSet set) {
        String data = source.id();
        if (loss == Loss.BCE && !set.targetsInUnitInterval()) {
            throw new ValidationException(Param.LOSS, "loss bce needs every target in [0, 1], and data " + data
                    + " has targets outside it; choose a classification data set, or mse, mae, huber or linear");
        }
        if (loss == Loss.CE) {
            if (set.targets() < 2) {
                throw new ValidationException(Param.LOSS, "loss ce needs at least 2 target columns (one per class), and data "
                        + data + " has " + set.targets() + "; choose a classification data set, or another loss");
            }
            int row = set.firstRowNotADistribution();
            if (row > 0) {
                throw new ValidationException(Param.LOSS, "loss ce needs targets that are ≥ 0 and sum to 1 in every row; "
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
            throw new ValidationException(Param.HIDDEN, rule + "; got " + parts.length + " layers");
        }
        List<Integer> widths = new ArrayList<>();
        int total = 0;
        for (String p : parts) {
            Integer w = wholeOrNull(p, 1, limits.maxWidth());
            if (w == null) {
                throw new ValidationException(Param.HIDDEN, rule + "; got \"" + LabSpec.shown(text) + "\"");
            }
            widths.add(w);
            total += w;
        }
        if (total > limits.maxTotalWidth()) {
            throw new ValidationException(Param.HIDDEN, "hidden layers may have at most " + limits.maxTotalWidth()
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
            throw new ValidationException(Param.MICRO, rule + "; got " + parts.length + " sizes");
        }
        List<Integer> sizes = new ArrayList<>();
        long sum = 0;
        for (String p : parts) {
            Integer s = wholeOrNull(p, 1, batch);
            if (s == null) {
                throw new ValidationException(Param.MICRO, rule + "; got \"" + LabSpec.shown(text) + "\"");
            }
            sizes.add(s);
            sum += s;
        }
        if (sum != batch) {
            throw new ValidationException(Param.MICRO, rule + "; got \"" + LabSpec.shown(text) + "\", which sums to " + sum);
        }
        return sizes;
    }

    private static String example(int batch) {
        return batch >= 2 ? (batch / 4 > 0 ? batch / 4 + "," + (batch - batch / 4) : "1," + (batch - 1)) : "1";
    }

    private static List<Procedure> naive(String text) {
        String rule = "naive must be a comma-separated subset of " + LabSpec.naiveChoices()
                + " (empty for none)";
        if (text.isEmpty()) {
            return List.of();
        }
        List<Procedure> chosen = new ArrayList<>();
        for (String id : text.split(",", -1)) {
            Procedure p = Procedure.parse(id).orElse(null);
            if (p == null || !LabSpec.NAIVE.contains(p) || chosen.contains(p)) {
                throw new ValidationException(Param.NAIVE, rule + "; got \"" + LabSpec.shown(text) + "\"");
            }
            chosen.add(p);
        }
        // the table's order, whatever order the URL gave
        return LabSpec.NAIVE.stream().filter(chosen::contains).toList();
    }

    /** A whole number within the parameter's bounds on this server. */
    private static int whole(Query q, Param p, Limits limits) {
        int max = (int) p.bounds().orElseThrow().most(limits);
        return whole(q, p, cappedDefault(p, max), max);
    }

    /** A default above this server's cap is the cap: an absent parameter is never an error. */
    private static String cappedDefault(Param p, int max) {
        return Integer.toString(Math.min(Integer.parseInt(p.fallback()), max));
    }

    /**
     * A whole number from the parameter's least value to {@code max} (which the data may lower
     * below the server's); {@code fallback} is the value when the parameter is absent.
     */
    private static int whole(Query q, Param p, String fallback, int max) {
        String name = p.id();
        int min = (int) p.bounds().orElseThrow().least();
        String text = q.names().contains(name) ? q.get(p) : fallback;
        Integer v = text == null ? null : wholeOrNull(text, min, max);
        if (v == null) {
            throw new ValidationException(name, name + " must be a whole number from " + min + " to " + max
                    + "; got \"" + LabSpec.shown(text) + "\"");
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

    private static double decimal(Query q, Param p, Limits limits, String range) {
        String name = p.id();
        double min = p.bounds().orElseThrow().least();
        double max = p.bounds().orElseThrow().most(limits);
        String text = q.get(p);
        if (DECIMAL.matcher(text).matches()) {
            // + 0.0 turns −0 into 0, so that the same value has one spelling
            double v = Double.parseDouble(text) + 0.0;
            if (v >= min && v <= max) {
                return v;
            }
        }
        throw new ValidationException(name, name + " must be a number " + range + "; got \"" + LabSpec.shown(text) + "\"");
    }

    private static <T> T choice(Query q, Param p, T[] options, Function<T, String> id) {
        String name = p.id();
        String text = q.get(p);
        for (T option : options) {
            if (id.apply(option).equals(text)) {
                return option;
            }
        }
        String all = Arrays.stream(options).map(id).collect(Collectors.joining(", "));
        throw new ValidationException(name, name + " must be one of " + all + "; got \"" + LabSpec.shown(text) + "\"");
    }
}
