package gradlab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import gradlab.web.Settings;

/**
 * The server's settings from flags and GRADLAB_* environment variables (a flag wins), each
 * checked with its range; a bad value stops start-up with a message that names it. One table
 * serves parsing and --help.
 */
final class Config {
    /** One setting: its flag, its variable, what it means, and how a value changes the settings. */
    record Option(String flag, String env, String argument, String help, BiFunction<Settings, String, Settings> apply) {
        boolean takesValue() {
            return argument != null;
        }
    }

    private static final Pattern SOURCE = Pattern.compile("('self'|'none'|https?://[A-Za-z0-9.:*-]+)( ('self'|https?://[A-Za-z0-9.:*-]+))*");

    static final List<Option> OPTIONS = List.of(
            new Option("--port", "GRADLAB_PORT", "N", "the port, 0..65535 (default 7070)",
                    (s, v) -> s.with(b -> b.port = (int) whole(v, "--port", 0, 65_535))),
            new Option("--host", "GRADLAB_HOST", "ADDR", "the address to listen on (default 0.0.0.0, every one)",
                    (s, v) -> s.with(b -> b.host = host(v))),
            new Option("--lessons", "GRADLAB_LESSONS", "DIR", "a folder of lesson files, added to the built-in ones "
                    + "(a lesson with a built-in's id replaces it)",
                    (s, v) -> s.with(b -> b.lessons = folder(v))),
            new Option("--no-builtin-lessons", "GRADLAB_NO_BUILTIN_LESSONS", null, "serve only the folder's lessons",
                    (s, v) -> s.with(b -> b.builtInLessons = false)),
            new Option("--max-runs", "GRADLAB_MAX_RUNS", "K", "training runs at once, 1..256 (default: the cores)",
                    (s, v) -> s.with(b -> b.maxRuns = (int) whole(v, "--max-runs", 1, 256))),
            new Option("--queue", "GRADLAB_QUEUE", "K", "training runs waiting in line at most, 0..100000 (default 500)",
                    (s, v) -> s.with(b -> b.queueLength = (int) whole(v, "--queue", 0, 100_000))),
            new Option("--max-n", "GRADLAB_MAX_N", "N", "the most examples, 1..10000 (default 10000)",
                    (s, v) -> s.with(b -> b.limits = b.limits.withMaxN((int) whole(v, "--max-n", 1, 10_000)))),
            new Option("--max-layers", "GRADLAB_MAX_LAYERS", "K", "the most hidden layers, 0..6 (default 6)",
                    (s, v) -> s.with(b -> b.limits = b.limits.withMaxLayers((int) whole(v, "--max-layers", 0, 6)))),
            new Option("--max-width", "GRADLAB_MAX_WIDTH", "K", "the widest hidden layer, 1..64 (default 64)",
                    (s, v) -> s.with(b -> b.limits = b.limits.withMaxWidth((int) whole(v, "--max-width", 1, 64)))),
            new Option("--max-total-width", "GRADLAB_MAX_TOTAL_WIDTH", "K",
                    "the most hidden units in all layers, 1..384 (default 384)",
                    (s, v) -> s.with(b -> b.limits = b.limits.withMaxTotalWidth(
                            (int) whole(v, "--max-total-width", 1, 384)))),
            new Option("--max-steps", "GRADLAB_MAX_STEPS", "K", "the most training steps, 1..5000 (default 5000)",
                    (s, v) -> s.with(b -> b.limits = b.limits.withMaxSteps((int) whole(v, "--max-steps", 1, 5_000)))),
            new Option("--max-compare-work", "GRADLAB_MAX_COMPARE_WORK", "W",
                    "the most n × parameters for a comparison, 1000..1e9 (default 5e7)",
                    (s, v) -> s.with(b -> b.limits = b.limits.withMaxCompareWork(
                            whole(v, "--max-compare-work", 1_000, 1_000_000_000L)))),
            new Option("--work-budget", "GRADLAB_WORK_BUDGET", "W",
                    "the work of one training run (examples × parameters processed) before it ends as \"budget\", "
                            + "1e6..1e13 (default 5e10)",
                    (s, v) -> s.with(b -> b.limits = b.limits.withTrainWorkBudget(
                            whole(v, "--work-budget", 1_000_000L, 10_000_000_000_000L)))),
            new Option("--max-upload-kib", "GRADLAB_MAX_UPLOAD_KIB", "K", "the largest CSV upload in KiB, 1..16384 "
                    + "(default 1024)",
                    (s, v) -> s.with(b -> b.uploadBytes = 1024 * whole(v, "--max-upload-kib", 1, 16_384))),
            new Option("--max-uploads", "GRADLAB_MAX_UPLOADS", "K", "uploads kept at once, 1..10000 (default 50)",
                    (s, v) -> s.with(b -> b.uploadCount = (int) whole(v, "--max-uploads", 1, 10_000))),
            new Option("--upload-minutes", "GRADLAB_UPLOAD_MINUTES", "M",
                    "how long an upload is kept, 1..10080 minutes (default 120)",
                    (s, v) -> s.with(b -> b.uploadLifetime = Duration.ofMinutes(whole(v, "--upload-minutes", 1, 10_080)))),
            new Option("--frame-ancestors", "GRADLAB_FRAME_ANCESTORS", "SOURCES",
                    "the sites that may embed the pages, e.g. 'self' https://course.example.org (default 'self')",
                    (s, v) -> s.with(b -> b.frameAncestors = sources(v))));

    private Config() {
    }

    /** Defaults, then the environment, then the flags. */
    static Settings parse(List<String> args, Map<String, String> env) {
        Settings s = Settings.defaults();
        for (Option o : OPTIONS) {
            String v = env.get(o.env());
            if (v != null) {
                s = o.takesValue() ? o.apply().apply(s, v) : (isTrue(v, o.env()) ? o.apply().apply(s, v) : s);
            }
        }
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            Option o = OPTIONS.stream().filter(x -> x.flag().equals(arg)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown argument \"" + arg + "\"; try --help"));
            if (o.takesValue()) {
                s = o.apply().apply(s, value(args, ++i));
            } else {
                s = o.apply().apply(s, "");
            }
        }
        return s;
    }

    static String help() {
        StringBuilder out = new StringBuilder("Server flags (each also an environment variable; a flag wins):\n");
        for (Option o : OPTIONS) {
            String left = o.flag() + (o.takesValue() ? " " + o.argument() : "");
            out.append(String.format("  %-24s %s (%s)%n", left, o.help(), o.env()));
        }
        return out.toString().stripTrailing();
    }

    private static boolean isTrue(String v, String name) {
        if (v.equals("true") || v.equals("1")) {
            return true;
        }
        if (v.equals("false") || v.equals("0") || v.isEmpty()) {
            return false;
        }
        throw new IllegalArgumentException(name + " must be true or false; got \"" + v + "\"");
    }

    private static long whole(String v, String name, long min, long max) {
        try {
            double d = Double.parseDouble(v.strip());
            if (d == Math.rint(d) && d >= min && d <= max) {
                return (long) d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + "; got \""
                + v + "\"");
    }

    private static Path folder(String v) {
        Path p = Path.of(v);
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException("--lessons must be a folder of lesson files; \"" + v + "\" is not one");
        }
        return p;
    }

    private static String host(String v) {
        if (!v.matches("[A-Za-z0-9.:\\[\\]-]{1,253}")) {
            throw new IllegalArgumentException("--host must be an address such as 127.0.0.1 or 0.0.0.0; got \"" + v + "\"");
        }
        return v;
    }

    private static String sources(String v) {
        if (!SOURCE.matcher(v.strip()).matches()) {
            throw new IllegalArgumentException("--frame-ancestors must be 'self', 'none' or site addresses such as "
                    + "https://course.example.org, separated by spaces; got \"" + v + "\"");
        }
        return v.strip();
    }

    /** What the start-up line says. */
    static String describe(Settings s) {
        return String.format("max runs %d, queue %d, n ≤ %d, layers ≤ %d × %d (%d units), steps ≤ %d, compare work ≤ %d, "
                        + "run budget %d, uploads %d × %d KiB for %d min, frame-ancestors %s",
                s.maxRuns(), s.queueLength(), s.limits().maxN(), s.limits().maxLayers(), s.limits().maxWidth(),
                s.limits().maxTotalWidth(), s.limits().maxSteps(), s.limits().maxCompareWork(),
                s.limits().trainWorkBudget(), s.uploads().maxUploads(), s.uploads().maxBytes() / 1024,
                s.uploads().lifetime().toMinutes(), s.frameAncestors());
    }

    /** The value after a flag at args[i-1], or an error saying the flag needs one. */
    static String value(List<String> args, int i) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(args.get(i - 1) + " needs a value");
        }
        return args.get(i);
    }
}
