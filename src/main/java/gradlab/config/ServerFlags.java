package gradlab.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;

import picocli.CommandLine.Option;

import gradlab.lab.Classes;
import gradlab.lab.Limits;

/**
 * The server's flags, each with the variable that gives it when the flag is absent (a flag
 * wins). Values stay text until {@link #settings()} checks each with its range, so that a bad
 * one, from a flag or a variable, is refused with a message that names the flag. The order of
 * the fields is the order of --help.
 */
final class ServerFlags {
    private static final Pattern ADDRESS = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern SOURCE = Pattern.compile("('self'|'none'|https?://[A-Za-z0-9.:*-]+)( ('self'|https?://[A-Za-z0-9.:*-]+))*");

    @Option(names = "--port", paramLabel = "N", description = "the port, 0..65535 (default 7070)")
    @Env("GRADLAB_PORT")
    String port;

    @Option(names = "--host", paramLabel = "ADDR", description = "the address to listen on (default 0.0.0.0, every one)")
    @Env("GRADLAB_HOST")
    String host;

    @Option(names = "--lessons", paramLabel = "DIR", description = "a folder of lesson files, added to the built-in "
            + "ones (a lesson with a built-in's id replaces it)")
    @Env("GRADLAB_LESSONS")
    String lessons;

    @Option(names = "--no-builtin-lessons", description = "serve only the folder's lessons")
    @Env("GRADLAB_NO_BUILTIN_LESSONS")
    boolean noBuiltInLessons;

    @Option(names = "--max-runs", paramLabel = "K", description = "training runs at once, 1..256 (default: the cores)")
    @Env("GRADLAB_MAX_RUNS")
    String maxRuns;

    @Option(names = "--queue", paramLabel = "K",
            description = "training runs waiting in line at most, 0..100000 (default 500)")
    @Env("GRADLAB_QUEUE")
    String queue;

    @Option(names = "--runs-per-client", paramLabel = "K", description = "training runs one browser (or, without "
            + "cookies, one address) may have waiting or running, 1..1000 (default " + Settings.DEFAULT_RUNS_PER_CLIENT + ")")
    @Env("GRADLAB_RUNS_PER_CLIENT")
    String runsPerClient;

    @Option(names = "--max-n", paramLabel = "N", description = "the most examples, 1.." + Limits.MAX_N + " (default " + Limits.MAX_N + ")")
    @Env("GRADLAB_MAX_N")
    String maxN;

    @Option(names = "--max-layers", paramLabel = "K", description = "the most hidden layers, 0.." + Limits.MAX_LAYERS
            + " (default " + Limits.MAX_LAYERS + ")")
    @Env("GRADLAB_MAX_LAYERS")
    String maxLayers;

    @Option(names = "--max-width", paramLabel = "K", description = "the widest hidden layer, 1.." + Limits.MAX_WIDTH
            + " (default " + Limits.MAX_WIDTH + ")")
    @Env("GRADLAB_MAX_WIDTH")
    String maxWidth;

    @Option(names = "--max-total-width", paramLabel = "K",
            description = "the most hidden units in all layers, 1.." + Limits.MAX_TOTAL_WIDTH
                    + " (default " + Limits.MAX_TOTAL_WIDTH + ")")
    @Env("GRADLAB_MAX_TOTAL_WIDTH")
    String maxTotalWidth;

    @Option(names = "--max-steps", paramLabel = "K", description = "the most training steps, 1.." + Limits.MAX_STEPS
            + " (default " + Limits.MAX_STEPS + ")")
    @Env("GRADLAB_MAX_STEPS")
    String maxSteps;

    @Option(names = "--max-compare-work", paramLabel = "W",
            description = "the most n × parameters for a comparison, 1000..1e9 (default 5e7)")
    @Env("GRADLAB_MAX_COMPARE_WORK")
    String maxCompareWork;

    @Option(names = "--compare-memory-mib", paramLabel = "M", description = "the heap in MiB that comparisons may hold "
            + "at once; more wait a second, then are refused, 16..1048576 (default: half the heap)")
    @Env("GRADLAB_COMPARE_MEMORY_MIB")
    String compareMemoryMib;

    @Option(names = "--work-budget", paramLabel = "W", description = "the work of one training run (examples × "
            + "parameters processed) before it ends as \"budget\", 1e6..1e13 (default 5e10)")
    @Env("GRADLAB_WORK_BUDGET")
    String workBudget;

    @Option(names = "--max-upload-kib", paramLabel = "K",
            description = "the largest CSV upload in KiB, 1..16384 (default 1024)")
    @Env("GRADLAB_MAX_UPLOAD_KIB")
    String maxUploadKib;

    @Option(names = "--max-uploads", paramLabel = "K", description = "uploads kept at once, 1..10000 (default 50)")
    @Env("GRADLAB_MAX_UPLOADS")
    String maxUploads;

    @Option(names = "--upload-minutes", paramLabel = "M",
            description = "how long an upload is kept, 1..10080 minutes (default 120)")
    @Env("GRADLAB_UPLOAD_MINUTES")
    String uploadMinutes;

    @Option(names = "--uploads-per-client", paramLabel = "K", description = "uploads one browser keeps at once, "
            + "1..10000 (default 5); its next one replaces its oldest")
    @Env("GRADLAB_UPLOADS_PER_CLIENT")
    String uploadsPerClient;

    @Option(names = "--max-concurrent-uploads", paramLabel = "K",
            description = "uploads arriving at once, 1..200 (default 16); more are told to retry")
    @Env("GRADLAB_MAX_CONCURRENT_UPLOADS")
    String maxConcurrentUploads;

    @Option(names = "--upload-seconds", paramLabel = "S",
            description = "the longest an upload may take to arrive, 1..600 seconds (default 60)")
    @Env("GRADLAB_UPLOAD_SECONDS")
    String uploadSeconds;

    @Option(names = "--frame-ancestors", paramLabel = "SOURCES", description = "the sites that may embed the pages, "
            + "e.g. 'self' https://course.example.org (default 'self')")
    @Env("GRADLAB_FRAME_ANCESTORS")
    String frameAncestors;

    @Option(names = "--active-runs", paramLabel = "K",
            description = "training runs begun at once, taking turns at the --max-runs processors, 1..10000 (default 256)")
    @Env("GRADLAB_ACTIVE_RUNS")
    String activeRuns;

    @Option(names = "--warmup-seconds", paramLabel = "S",
            description = "how long the server warms up before it listens, 0..60 (default 20)")
    @Env("GRADLAB_WARMUP_SECONDS")
    String warmupSeconds;

    @Option(names = "--write-timeout-seconds", paramLabel = "S", description = "how long a response may wait on a "
            + "client that reads nothing before the connection is closed, 1..3600 seconds (default 30)")
    @Env("GRADLAB_WRITE_TIMEOUT_SECONDS")
    String writeTimeoutSeconds;

    @Option(names = "--max-threads", paramLabel = "K", description = "requests answered at once (each holds a thread "
            + "while it computes or waits on its client), 16..10000 (default 250)")
    @Env("GRADLAB_MAX_THREADS")
    String maxThreads;

    @Option(names = "--max-classes", paramLabel = "K", description = "live classes the server holds at once, "
            + "1..10000 (default " + Classes.DEFAULT_CLASSES + ")")
    @Env("GRADLAB_MAX_CLASSES")
    String maxClasses;

    @Option(names = "--max-students", paramLabel = "K", description = "students one class may have, 1..100000 "
            + "(default " + Classes.DEFAULT_STUDENTS + ")")
    @Env("GRADLAB_MAX_STUDENTS")
    String maxStudents;

    @Option(names = "--class-idle-hours", paramLabel = "H", description = "how long a class is kept without use "
            + "before it expires and is forgotten, 1..168 hours (default " + Classes.DEFAULT_IDLE_HOURS + ")")
    @Env("GRADLAB_CLASS_IDLE_HOURS")
    String classIdleHours;

    @Option(names = "--trusted-proxy", paramLabel = "ADDRS", description = "the addresses of the reverse proxies in "
            + "front of the server, separated by commas: only from them is X-Forwarded-For believed (default: none)")
    @Env("GRADLAB_TRUSTED_PROXY")
    String trustedProxy;

    /** The defaults with every value given, checked in --help's order; the first bad one stops with its message. */
    Settings settings() {
        return Settings.defaults().with(b -> {
            number(port, "--port", 0, 65_535, v -> b.port = (int) v);
            if (host != null) {
                b.host = host(host);
            }
            if (lessons != null) {
                b.lessons = folder(lessons);
            }
            if (noBuiltInLessons) {
                b.builtInLessons = false;
            }
            number(maxRuns, "--max-runs", 1, 256, v -> b.maxRuns = (int) v);
            number(queue, "--queue", 0, 100_000, v -> b.queueLength = (int) v);
            number(runsPerClient, "--runs-per-client", 1, 1_000, v -> b.runsPerClient = (int) v);
            number(maxN, "--max-n", 1, Limits.MAX_N, v -> b.limits = b.limits.withMaxN((int) v));
            number(maxLayers, "--max-layers", 0, Limits.MAX_LAYERS, v -> b.limits = b.limits.withMaxLayers((int) v));
            number(maxWidth, "--max-width", 1, Limits.MAX_WIDTH, v -> b.limits = b.limits.withMaxWidth((int) v));
            number(maxTotalWidth, "--max-total-width", 1, Limits.MAX_TOTAL_WIDTH,
                    v -> b.limits = b.limits.withMaxTotalWidth((int) v));
            number(maxSteps, "--max-steps", 1, Limits.MAX_STEPS, v -> b.limits = b.limits.withMaxSteps((int) v));
            number(maxCompareWork, "--max-compare-work", 1_000, 1_000_000_000L,
                    v -> b.limits = b.limits.withMaxCompareWork(v));
            number(compareMemoryMib, "--compare-memory-mib", 16, 1L << 20, v -> b.compareMemory = (1L << 20) * v);
            number(workBudget, "--work-budget", 1_000_000L, 10_000_000_000_000L,
                    v -> b.limits = b.limits.withTrainWorkBudget(v));
            number(maxUploadKib, "--max-upload-kib", 1, 16_384, v -> b.uploadBytes = 1024 * v);
            number(maxUploads, "--max-uploads", 1, 10_000, v -> b.uploadCount = (int) v);
            number(uploadMinutes, "--upload-minutes", 1, 10_080, v -> b.uploadLifetime = Duration.ofMinutes(v));
            number(uploadsPerClient, "--uploads-per-client", 1, 10_000, v -> b.uploadsPerClient = (int) v);
            number(maxConcurrentUploads, "--max-concurrent-uploads", 1, 200, v -> b.uploadsAtOnce = (int) v);
            number(uploadSeconds, "--upload-seconds", 1, 600, v -> b.uploadArrival = Duration.ofSeconds(v));
            if (frameAncestors != null) {
                b.frameAncestors = sources(frameAncestors);
            }
            number(activeRuns, "--active-runs", 1, 10_000, v -> b.activeRuns = (int) v);
            number(warmupSeconds, "--warmup-seconds", 0, 60, v -> b.warmupSeconds = (int) v);
            number(writeTimeoutSeconds, "--write-timeout-seconds", 1, 3_600, v -> b.writeTimeout = Duration.ofSeconds(v));
            number(maxThreads, "--max-threads", 16, 10_000, v -> b.maxThreads = (int) v);
            number(maxClasses, "--max-classes", 1, 10_000, v -> b.maxClasses = (int) v);
            number(maxStudents, "--max-students", 1, 100_000, v -> b.studentsPerClass = (int) v);
            number(classIdleHours, "--class-idle-hours", 1, 168, v -> b.classIdle = Duration.ofHours(v));
            if (trustedProxy != null) {
                b.trustedProxies = addresses(trustedProxy);
            }
        });
    }

    /** A whole number from min to max, when the flag (or its variable) was given. */
    private static void number(String value, String flag, long min, long max, LongConsumer set) {
        if (value != null) {
            set.accept(whole(value, flag, min, max));
        }
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

    /** IP addresses, written as the server sees a peer's (no names: they would need a lookup). */
    private static List<String> addresses(String v) {
        List<String> out = new ArrayList<>();
        for (String part : v.split(",", -1)) {
            String a = part.strip();
            try {
                if (!ADDRESS.matcher(a).matches()) {
                    throw new UnknownHostException(a);
                }
                // a literal address is parsed, never looked up
                out.add(InetAddress.getByName(a).getHostAddress());
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("--trusted-proxy must be IP addresses such as 127.0.0.1 or ::1, "
                        + "separated by commas; got \"" + v + "\"");
            }
        }
        return out;
    }

    private static String sources(String v) {
        if (!SOURCE.matcher(v.strip()).matches()) {
            throw new IllegalArgumentException("--frame-ancestors must be 'self', 'none' or site addresses such as "
                    + "https://course.example.org, separated by spaces; got \"" + v + "\"");
        }
        return v.strip();
    }
}
