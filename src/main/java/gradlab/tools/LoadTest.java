package gradlab.tools;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Option;

import gradlab.config.Flags;
import gradlab.lab.Param;
import gradlab.lab.Query;
import gradlab.view.Paths;
import gradlab.view.TrainingView;

/**
 * {@code loadtest [--clients N] [--url http://127.0.0.1:7070]}: a class of simulated students
 * against a server on this machine. Each opens the lab, asks for a comparison, starts the
 * default training run and reads its stream to the end. Prints one JSON object: how many
 * completed, failed or lost their stream, times to the first event and to completion, the
 * server's heap peak (from /health), and runs per second.
 */
public final class LoadTest {
    static final int MAX_CLIENTS = 1000;
    static final Duration TIME_LIMIT = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final PrintStream err;

    public LoadTest(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * One student's outcome, in milliseconds: the lab page, the comparison, the stream's first
     * event and its first progress (the student's own curve starting) counted from when the
     * stream was asked for, the first event and the end counted from the student's start.
     */
    record Result(boolean completed, boolean lost, long labMillis, long compareMillis, long streamFirstEventMillis,
                  long streamFirstProgressMillis, long firstEventMillis, long doneMillis, String error) {
        static Result failed(boolean lost, long doneMillis, String error) {
            return new Result(false, lost, -1, -1, -1, -1, -1, doneMillis, error);
        }
    }

    /** loadtest's flags; values are checked after parsing, with their ranges. */
    static final class Options {
        @Option(names = "--clients", paramLabel = "N")
        String clients;
        @Option(names = "--url", paramLabel = "URL")
        String url;
    }

    public ExitCode run(List<String> args) {
        int clients;
        String url;
        try {
            Options options = new Options();
            Flags.parse(options, args, "loadtest takes --clients N and --url URL");
            clients = options.clients == null ? 200 : clients(options.clients);
            url = options.url == null ? "http://127.0.0.1:7070" : loopback(options.url);
        } catch (IllegalArgumentException e) {
            err.println("gradlab: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        try {
            out.println(JSON.writeValueAsString(measure(clients, url, true)));
            return ExitCode.OK;
        } catch (Exception e) {
            err.println("gradlab: the load test could not run: " + e.getMessage());
            return ExitCode.FAILED;
        }
    }

    /**
     * A class of {@code clients} students on the server at {@code base} (on this machine), as a
     * server's warm-up rehearses one: no figures, and this client's own code not warmed first
     * (it is the server's JVM that warms).
     */
    public static void rehearse(int clients, String base) throws Exception {
        measure(clients, base, false);
    }

    private static ObjectNode measure(int clients, String base, boolean warm) throws Exception {
        ExecutorService students = Executors.newFixedThreadPool(clients, daemon());
        if (warm) {
            warmStudents(base);
        }
        List<Result> results = Collections.synchronizedList(new ArrayList<>());
        AtomicLong heapPeak = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(clients);
        long start = System.nanoTime();
        Thread health = new Thread(() -> {
            while (finished.getCount() > 0) {
                heapPeak.accumulateAndGet(heap(base), Math::max);
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gradlab-loadtest-health");
        health.setDaemon(true);
        health.start();
        for (int c = 0; c < clients; c++) {
            int seed = c + 1;
            students.execute(() -> {
                try {
                    results.add(student(base, seed));
                } finally {
                    finished.countDown();
                }
            });
        }
        boolean inTime = finished.await(TIME_LIMIT.toSeconds(), TimeUnit.SECONDS);
        students.shutdownNow();
        health.interrupt();
        double seconds = (System.nanoTime() - start) / 1e9;
        heapPeak.accumulateAndGet(heap(base), Math::max);

        List<Result> all;
        synchronized (results) {
            all = new ArrayList<>(results);
        }
        long completed = all.stream().filter(Result::completed).count();
        ObjectNode o = JSON.createObjectNode();
        o.put("clients", clients);
        o.put("completed", completed);
        o.put("failed", clients - completed);
        o.put("lostStreams", all.stream().filter(Result::lost).count());
        o.put("timedOut", !inTime);
        List<Result> done = all.stream().filter(Result::completed).toList();
        percentiles(o, "firstEventMillis", done.stream().map(Result::firstEventMillis));
        percentiles(o, "completionMillis", done.stream().map(Result::doneMillis));
        ObjectNode phases = o.putObject("phaseMillis");
        percentiles(phases, "lab", done.stream().map(Result::labMillis));
        percentiles(phases, "compare", done.stream().map(Result::compareMillis));
        percentiles(phases, "streamFirstEvent", done.stream().map(Result::streamFirstEventMillis));
        percentiles(phases, "streamFirstProgress", done.stream().map(Result::streamFirstProgressMillis));
        percentiles(phases, "total", done.stream().map(Result::doneMillis));
        o.put("heapPeakBytes", heapPeak.get());
        o.put("seconds", Math.round(seconds * 100) / 100.0);
        o.put("runsPerSecond", Math.round(completed / seconds * 100) / 100.0);
        all.stream().map(Result::error).filter(e -> e != null).findFirst().ifPresent(e -> o.put("firstError", e));
        return o;
    }

    /**
     * Before the clock starts, runs this client's own code (sending, reading whole and line by
     * line) on {@code /health} from several threads, then lets this JVM's JIT compiler finish
     * with it, so that the figures are the server's, not a fresh JVM's first requests: a class's
     * browsers are no fresh JVMs. The lab's code on the server is not run.
     */
    static void warmClient(HttpClient http, String base) throws Exception {
        warmOnThreads(() -> {
            for (int i = 0; i < CLIENT_WARMUP_REQUESTS; i++) {
                http.send(get(base + Paths.HEALTH).build(), HttpResponse.BodyHandlers.discarding());
                try (Stream<String> lines = http.send(get(base + Paths.HEALTH).build(),
                        HttpResponse.BodyHandlers.ofLines()).body()) {
                    lines.forEach(line -> { });
                }
            }
            return null;
        });
    }

    /** {@link #warmClient} for the students' own client: one connection per thread, kept alive. */
    private static void warmStudents(String base) throws Exception {
        warmOnThreads(() -> {
            try (Http1 http = new Http1(base, REQUEST_TIMEOUT)) {
                for (int i = 0; i < CLIENT_WARMUP_REQUESTS; i++) {
                    http.get(Paths.HEALTH).discard();
                    Http1.Response lines = http.get(Paths.HEALTH);
                    while (lines.next("").isPresent()) {
                        // to the end
                    }
                }
            }
            return null;
        });
    }

    /** Runs {@code warming} on several threads at once, then lets this JVM's JIT compiler finish with it. */
    private static void warmOnThreads(Callable<Void> warming) throws Exception {
        ExecutorService warmers = Executors.newFixedThreadPool(CLIENT_WARMUP_THREADS, daemon());
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < CLIENT_WARMUP_THREADS; t++) {
                done.add(warmers.submit(warming));
            }
            for (Future<Void> f : done) {
                f.get();
            }
        } finally {
            warmers.shutdownNow();
        }
        Jit.settle(CLIENT_SETTLE_MILLIS);
    }

    private static final int CLIENT_WARMUP_THREADS = 8;
    private static final int CLIENT_WARMUP_REQUESTS = 150;
    private static final long CLIENT_SETTLE_MILLIS = 3_000;

    /** One student: the lab, a comparison, a training run read to its end, on one connection kept alive. */
    private static Result student(String base, int seed) {
        long t0 = System.nanoTime();
        try (Http1 http = new Http1(base, REQUEST_TIMEOUT)) {
            // each student its own seed: its own data, θ0 and minibatches
            String query = Query.write(Map.of(Param.SEED, Integer.toString(seed)));
            Http1.Response page = http.get(Paths.withQuery(Paths.LAB, query));
            page.discard();
            check(page.status, Paths.LAB);
            long lab = millisSince(t0);
            // as a browser does, the student sends back the client cookie its first page set: the
            // server counts each student's runs apart from the others on this one address
            String cookie = page.setCookie.map(c -> "Cookie: " + c.split(";", 2)[0]).orElse("");
            long t1 = System.nanoTime();
            Http1.Response compare = http.get(Paths.withQuery(Paths.API_COMPARE, query), cookie);
            compare.discard();
            check(compare.status, Paths.API_COMPARE);
            long compareMillis = millisSince(t1);
            long t2 = System.nanoTime();
            Http1.Response stream = http.get(Paths.withQuery(Paths.LAB_TRAIN, query), cookie, "Accept: text/event-stream");
            check(stream.status, Paths.LAB_TRAIN);
            long firstEvent = -1;
            long firstProgress = -1;
            long first = -1;
            boolean summary = false;
            for (Optional<String> next = stream.next("event:"); next.isPresent(); next = stream.next("event:")) {
                String event = next.get();
                if (first < 0) {
                    first = millisSince(t0);
                    firstEvent = millisSince(t2);
                }
                if (firstProgress < 0 && event.equals(PROGRESS)) {
                    firstProgress = millisSince(t2);
                }
                summary |= event.equals(TrainingView.Event.SUMMARY.id());
                if (event.equals(DONE)) {
                    // a run refused (busy, too many) ends with done alone: not a completed run
                    return summary
                            ? new Result(true, false, lab, compareMillis, firstEvent, firstProgress, first, millisSince(t0),
                                    null)
                            : Result.failed(false, millisSince(t0), "the run was refused: done without a summary");
                }
            }
            return Result.failed(true, millisSince(t0), "a stream ended before its done event");
        } catch (Exception e) {
            return Result.failed(false, millisSince(t0), e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private static final String PROGRESS = TrainingView.Event.PROGRESS.id();
    private static final String DONE = TrainingView.Event.DONE.id();

    private static HttpRequest.Builder get(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).GET();
    }

    private static void check(int status, String what) {
        if (status != 200) {
            throw new IllegalStateException(what + " answered " + status);
        }
    }

    /** The server's heap in use, from /health (0 when it cannot be read). */
    private static long heap(String base) {
        try (Http1 http = new Http1(base, Duration.ofSeconds(5))) {
            return JSON.readTree(http.get(Paths.HEALTH).text()).path("heapUsedBytes").asLong();
        } catch (Exception e) {
            return 0;
        }
    }

    static long heap(HttpClient http, String base) {
        try {
            JsonNode h = JSON.readTree(http.send(get(base + Paths.HEALTH).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            return h.path("heapUsedBytes").asLong();
        } catch (Exception e) {
            return 0;
        }
    }

    static void percentiles(ObjectNode o, String name, Stream<Long> values) {
        List<Long> sorted = values.sorted().toList();
        ObjectNode p = o.putObject(name);
        if (sorted.isEmpty()) {
            p.putNull("p50");
            p.putNull("p95");
            p.putNull("max");
            return;
        }
        p.put("p50", sorted.get((int) Math.floor(0.50 * (sorted.size() - 1))));
        p.put("p95", sorted.get((int) Math.floor(0.95 * (sorted.size() - 1))));
        p.put("max", sorted.get(sorted.size() - 1));
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }


    private static int clients(String text) {
        if (text.matches("[0-9]{1,4}")) {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_CLIENTS) {
                return n;
            }
        }
        throw new IllegalArgumentException("--clients must be a whole number from 1 to " + MAX_CLIENTS + "; got \""
                + text + "\"");
    }

    /** Only a server on this machine: a load test is not for someone else's. */
    static String loopback(String text) {
        try {
            URI u = URI.create(text);
            String host = u.getHost();
            if ("http".equals(u.getScheme()) && host != null
                    && (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]"))) {
                return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("--url must be an http address on this machine (127.0.0.1, localhost "
                + "or [::1]); got \"" + text + "\"");
    }

    static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "gradlab-loadtest");
            t.setDaemon(true);
            return t;
        };
    }
}
