package gradlab.tools;

import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Option;

import gradlab.config.Flags;
import gradlab.view.Paths;
import gradlab.view.StudentPage;
import gradlab.view.TeachPage;

/**
 * {@code classtest [--students N] [--url http://127.0.0.1:7070]}: one live class of simulated
 * students against a server on this machine. An instructor starts a class of two lessons (the
 * first asks for a prediction) and watches its stream; the students join, each with its own
 * cookies, open their streams and predict; the instructor reveals, moves on, and moves past the
 * last lesson. Prints one JSON object: join and predict times, the time from the instructor's
 * Reveal and Next to each student's event, the time until the instructor's stream shows every
 * prediction, lost streams and the server's heap peak. Exits 1 when a student missed an event.
 */
public final class ClassLoadTest {
    static final int MAX_STUDENTS = 1000;
    /** The class's lessons: the first asks for a prediction, the second is where Next leads. */
    static final List<String> LESSONS = List.of("intro", "f1-covariance");
    /** The events every student must get, in this order, after the instructor's moves. */
    static final List<String> EVENTS = List.of(StudentPage.Event.REVEAL.id(), StudentPage.Event.NEXT.id(),
            StudentPage.Event.ENDED.id());
    /** How long a phase (joining, predicting, an event reaching everyone) may take. */
    static final Duration PHASE_LIMIT = Duration.ofSeconds(60);
    /** A quiet moment before each of the instructor's moves, so that one phase's tail does not time the next. */
    private static final long PAUSE_MILLIS = 500;
    private static final String PREDICTIONS = TeachPage.Event.PREDICTIONS.id();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final PrintStream err;

    public ClassLoadTest(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** classtest's flags; values are checked after parsing, with their ranges. */
    static final class Options {
        @Option(names = "--students", paramLabel = "N")
        String students;
        @Option(names = "--url", paramLabel = "URL")
        String url;
    }

    public ExitCode run(List<String> args) {
        int students;
        String url;
        try {
            Options options = new Options();
            Flags.parse(options, args, "classtest takes --students N and --url URL");
            students = options.students == null ? 200 : students(options.students);
            url = options.url == null ? "http://127.0.0.1:7070" : LoadTest.loopback(options.url);
        } catch (IllegalArgumentException e) {
            err.println("gradlab: " + e.getMessage());
            return ExitCode.BAD_INPUT;
        }
        try {
            ObjectNode result = measure(students, url);
            out.println(JSON.writeValueAsString(result));
            return result.get("missedEvents").asLong() == 0 && result.get("predicted").asInt() == students
                    ? ExitCode.OK : ExitCode.FAILED;
        } catch (Exception e) {
            err.println("gradlab: the class test could not run: " + e.getMessage());
            return ExitCode.FAILED;
        }
    }

    // ---------------------------------------------------------------- one class

    /** What one student did, in milliseconds (-1 where it did not get so far). */
    private static final class Student {
        final int index;
        final CookieJar cookies = new CookieJar();
        final EventLog stream = new EventLog();
        volatile long joinMillis = -1;
        volatile long predictMillis = -1;
        volatile boolean lost;
        volatile String error;

        Student(int index) {
            this.index = index;
        }
    }

    private static ObjectNode measure(int count, String base) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8, LoadTest.daemon());
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).executor(pool).build();
        ExecutorService threads = Executors.newFixedThreadPool(count + 1, LoadTest.daemon());
        try {
            LoadTest.warmClient(http, base);
            return new ClassRun(http, base, threads, count).run();
        } finally {
            threads.shutdownNow();
            pool.shutdownNow();
        }
    }

    /** One class from its start to its end, as its instructor and students see it. */
    private static final class ClassRun {
        private final HttpClient http;
        private final String base;
        private final ExecutorService threads;
        private final List<Student> students = new ArrayList<>();
        private final CookieJar instructor = new CookieJar();
        private final EventLog teach = new EventLog();
        private final AtomicLong heapPeak = new AtomicLong();
        private final CountDownLatch joined;
        private final CountDownLatch predicted;
        private final CountDownLatch predict = new CountDownLatch(1);
        private volatile String code;

        ClassRun(HttpClient http, String base, ExecutorService threads, int count) {
            this.http = http;
            this.base = base;
            this.threads = threads;
            for (int i = 0; i < count; i++) {
                students.add(new Student(i));
            }
            joined = new CountDownLatch(count);
            predicted = new CountDownLatch(count);
        }

        ObjectNode run() throws Exception {
            long start = System.nanoTime();
            Thread health = heapWatch();
            try {
                startClass();
                for (Student s : students) {
                    threads.execute(() -> attend(s));
                }
                joined.await(PHASE_LIMIT.toSeconds(), TimeUnit.SECONDS);
                // the whole class predicts at once, as when the instructor says "now predict"
                long predicting = System.nanoTime();
                predict.countDown();
                predicted.await(PHASE_LIMIT.toSeconds(), TimeUnit.SECONDS);
                long made = students.stream().filter(s -> s.predictMillis >= 0).count();
                Optional<EventLog.Event> shown = teach.await(e -> e.name().equals(PREDICTIONS)
                        && predictionsShown(e.data()) >= made, deadline());
                Thread.sleep(PAUSE_MILLIS);
                Map<String, long[]> delays = new LinkedHashMap<>();
                delays.put(EVENTS.get(0), move(EVENTS.get(0), Paths.CLASS_REVEAL));
                Thread.sleep(PAUSE_MILLIS);
                delays.put(EVENTS.get(1), move(EVENTS.get(1), Paths.CLASS_NEXT));
                Thread.sleep(PAUSE_MILLIS);
                // Next past the last lesson ends the class
                delays.put(EVENTS.get(2), move(EVENTS.get(2), Paths.CLASS_NEXT));
                int rows = csvRows();
                heapPeak.accumulateAndGet(LoadTest.heap(http, base), Math::max);
                return report(start, predicting, shown, delays, rows);
            } finally {
                health.interrupt();
            }
        }

        /** The instructor starts the class and opens its stream. */
        private void startClass() throws Exception {
            send(instructor, get(Paths.CLASS), HttpResponse.BodyHandlers.discarding());
            HttpResponse<Void> started = send(instructor, post(Paths.CLASS,
                    Map.of("lessons", String.join(",", LESSONS))), HttpResponse.BodyHandlers.discarding());
            Matcher teachPage = Pattern.compile("/class/([^/]+)/teach").matcher(
                    started.headers().firstValue("Location").orElse(""));
            if (started.statusCode() != 303 || !teachPage.find()) {
                throw new IllegalStateException("POST " + Paths.CLASS + " answered " + started.statusCode()
                        + " without the instructor's page");
            }
            code = teachPage.group(1);
            HttpResponse<Stream<String>> events = send(instructor, get(at(Paths.CLASS_TEACH_EVENTS))
                    .header("Accept", "text/event-stream"), HttpResponse.BodyHandlers.ofLines());
            check(events, Paths.CLASS_TEACH_EVENTS, 200);
            threads.execute(() -> {
                try (Stream<String> lines = events.body()) {
                    teach.read(lines.iterator(), null);
                } catch (RuntimeException gone) {
                    // the instructor's stream ended with the class run
                }
            });
        }

        /** One student: joins, opens its stream, predicts when told, then reads its stream to the class's end. */
        private void attend(Student s) {
            HttpResponse<Stream<String>> events = null;
            Iterator<String> lines;
            PredictionForm form;
            try {
                long t0 = System.nanoTime();
                send(s.cookies, get(Paths.JOIN), HttpResponse.BodyHandlers.discarding());
                HttpResponse<Void> join = send(s.cookies, post(Paths.JOIN, Map.of("code", code)),
                        HttpResponse.BodyHandlers.discarding());
                check(join, Paths.JOIN, 303);
                String page = join.headers().firstValue("Location").orElseThrow();
                HttpResponse<String> lesson = send(s.cookies, get(page), HttpResponse.BodyHandlers.ofString());
                check(lesson, page, 200);
                s.joinMillis = millisSince(t0);
                form = PredictionForm.of(lesson.body());
                events = send(s.cookies, get(at(Paths.CLASS_EVENTS)).header("Accept", "text/event-stream"),
                        HttpResponse.BodyHandlers.ofLines());
                check(events, Paths.CLASS_EVENTS, 200);
                lines = events.body().iterator();
                // the stream hears the class from its first event on (the class as it is now): an
                // instructor's move before it would show only in that first event
                if (!s.stream.read(lines, StudentPage.Event.STATE.id())) {
                    throw new IllegalStateException(Paths.CLASS_EVENTS + " ended before its first event");
                }
            } catch (Exception e) {
                s.error = e.getClass().getSimpleName() + ": " + e.getMessage();
                if (events != null) {
                    events.body().close();
                }
                joined.countDown();
                predicted.countDown();
                return;
            }
            joined.countDown();
            try (Stream<String> body = events.body()) {
                predict.await();
                try {
                    long t0 = System.nanoTime();
                    HttpResponse<Void> r = send(s.cookies, post(form.action(), form.guess(s.index)),
                            HttpResponse.BodyHandlers.discarding());
                    check(r, Paths.CLASS_PREDICT, 204);
                    s.predictMillis = millisSince(t0);
                } catch (Exception e) {
                    s.error = e.getClass().getSimpleName() + ": " + e.getMessage();
                } finally {
                    predicted.countDown();
                }
                s.lost = !s.stream.read(lines, EVENTS.get(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                s.lost = true;
                s.error = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }

        /**
         * The instructor's move (POST to {@code path}); for each student, the milliseconds from
         * the move to its {@code event}, or -1 when it did not come (only one that came after the
         * move counts).
         */
        private long[] move(String event, String path) throws Exception {
            long sent = System.nanoTime();
            HttpResponse<Void> r = send(instructor, post(at(path), Map.of()), HttpResponse.BodyHandlers.discarding());
            check(r, path, 204);
            long deadline = deadline();
            long[] millis = new long[students.size()];
            for (Student s : students) {
                Optional<EventLog.Event> got = s.stream.await(e -> e.name().equals(event) && e.nanos() >= sent, deadline);
                millis[s.index] = got.map(e -> (e.nanos() - sent) / 1_000_000).orElse(-1L);
            }
            return millis;
        }

        /** The CSV's rows under its header. */
        private int csvRows() throws Exception {
            HttpResponse<String> csv = send(instructor, get(at(Paths.CLASS_CSV)), HttpResponse.BodyHandlers.ofString());
            check(csv, Paths.CLASS_CSV, 200);
            return (int) csv.body().lines().skip(1).filter(l -> !l.isEmpty()).count();
        }

        private ObjectNode report(long start, long predicting, Optional<EventLog.Event> shown,
                                  Map<String, long[]> delays, int rows) {
            ObjectNode o = JSON.createObjectNode();
            o.put("students", students.size());
            o.put("lessons", String.join(",", LESSONS));
            o.put("joined", students.stream().filter(s -> s.joinMillis >= 0).count());
            o.put("predicted", students.stream().filter(s -> s.predictMillis >= 0).count());
            LoadTest.percentiles(o, "joinMillis", students.stream().map(s -> s.joinMillis).filter(m -> m >= 0));
            LoadTest.percentiles(o, "predictMillis", students.stream().map(s -> s.predictMillis).filter(m -> m >= 0));
            // from the moment the class starts predicting to the instructor's stream counting every prediction
            if (shown.isPresent()) {
                o.put("predictionsShownMillis", (shown.get().nanos() - predicting) / 1_000_000);
            } else {
                o.putNull("predictionsShownMillis");
            }
            long missed = 0;
            for (Map.Entry<String, long[]> d : delays.entrySet()) {
                long[] millis = d.getValue();
                LoadTest.percentiles(o, d.getKey() + "Millis", Arrays.stream(millis).filter(m -> m >= 0).boxed());
                o.put(d.getKey() + "WithinOneSecond", Arrays.stream(millis).filter(m -> m >= 0 && m <= 1000).count());
                missed += Arrays.stream(millis).filter(m -> m < 0).count();
            }
            o.put("missedEvents", missed);
            o.put("lostStreams", students.stream().filter(s -> s.lost).count());
            o.put("csvRows", rows);
            o.put("heapPeakBytes", heapPeak.get());
            o.put("seconds", Math.round((System.nanoTime() - start) / 1e7) / 100.0);
            students.stream().map(s -> s.error).filter(e -> e != null).findFirst().ifPresent(e -> o.put("firstError", e));
            return o;
        }

        /** /health's heap, every 250 ms while the class runs. */
        private Thread heapWatch() {
            Thread t = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    heapPeak.accumulateAndGet(LoadTest.heap(http, base), Math::max);
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "gradlab-classtest-health");
            t.setDaemon(true);
            t.start();
            return t;
        }

        private String at(String path) {
            return Paths.ofClass(path, code);
        }

        private HttpRequest.Builder get(String path) {
            return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(5)).GET();
        }

        private HttpRequest.Builder post(String path, Map<String, String> fields) {
            return post(path, List.copyOf(fields.entrySet()));
        }

        /** A form's POST, its fields in order, with the Origin a browser sends for a page of this server. */
        private HttpRequest.Builder post(String path, List<Map.Entry<String, String>> fields) {
            String body = fields.stream()
                    .map(f -> encode(f.getKey()) + "=" + encode(f.getValue()))
                    .collect(Collectors.joining("&"));
            return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofMinutes(1))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Origin", base)
                    .POST(HttpRequest.BodyPublishers.ofString(body));
        }

        private <T> HttpResponse<T> send(CookieJar jar, HttpRequest.Builder request, HttpResponse.BodyHandler<T> body)
                throws Exception {
            HttpRequest r = request.build();
            HttpResponse<T> response = http.send(jar.onto(HttpRequest.newBuilder(r, (n, v) -> true), r.uri()).build(),
                    body);
            jar.take(response);
            return response;
        }

        private static long deadline() {
            return System.nanoTime() + PHASE_LIMIT.toNanos();
        }
    }

    /**
     * The prediction form of a class page, as a browser would send it: its address and its
     * inputs in order, each a fixed field (the question it answers) or a slider with its range.
     */
    record PredictionForm(String action, List<Input> inputs) {
        /** One input: its name, and its value or (a slider's) range; {@code step} 0 for none. */
        record Input(String name, String value, boolean slider, double min, double max, double step) {
        }

        private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.DOTALL);
        private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>");

        static PredictionForm of(String page) {
            Matcher form = FORM.matcher(page);
            while (form.find()) {
                List<Input> inputs = new ArrayList<>();
                Matcher input = INPUT.matcher(form.group(2));
                while (input.find()) {
                    String tag = input.group();
                    String name = attribute(tag, "name");
                    String type = attribute(tag, "type");
                    if (name == null) {
                        continue;
                    }
                    if ("range".equals(type)) {
                        String step = attribute(tag, "step");
                        inputs.add(new Input(name, null, true, Double.parseDouble(attribute(tag, "min")),
                                Double.parseDouble(attribute(tag, "max")), step == null ? 0 : Double.parseDouble(step)));
                    } else {
                        inputs.add(new Input(name, unescape(attribute(tag, "value")), false, 0, 0, 0));
                    }
                }
                String action = attribute(form.group(1), "action");
                boolean asks = inputs.stream().anyMatch(Input::slider)
                        && inputs.stream().anyMatch(i -> "question".equals(i.name()));
                if (asks && action != null) {
                    // the address without its fragment, which a browser does not send
                    return new PredictionForm(unescape(action).replaceFirst("#.*$", ""), inputs);
                }
            }
            throw new IllegalStateException("the class's first lesson shows no prediction's form");
        }

        private static String attribute(String tag, String name) {
            Matcher m = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(tag);
            return m.find() ? m.group(1) : null;
        }

        private static String unescape(String value) {
            return value == null ? "" : value.replace("&quot;", "\"").replace("&#x27;", "'").replace("&lt;", "<")
                    .replace("&gt;", ">").replace("&amp;", "&");
        }

        /**
         * Student i's guesses, the form's fields in order: each slider's spread over its range by
         * golden-ratio steps (a different phase for each slider), on the slider's step.
         */
        List<Map.Entry<String, String>> guess(int i) {
            List<Map.Entry<String, String>> fields = new ArrayList<>();
            int sliders = 0;
            for (Input in : inputs) {
                if (!in.slider()) {
                    fields.add(Map.entry(in.name(), in.value()));
                    continue;
                }
                double v = in.min() + ((i + 0.5 * sliders++) * 0.6180339887498949) % 1.0 * (in.max() - in.min());
                if (in.step() > 0) {
                    v = Math.min(in.max(), in.min() + Math.round((v - in.min()) / in.step()) * in.step());
                }
                fields.add(Map.entry(in.name(), String.format(Locale.ROOT, "%.6f", v).replaceAll("\\.?0+$", "")));
            }
            return fields;
        }
    }

    /** How many predictions the instructor's {@code predictions} event counts. */
    static int predictionsShown(String data) {
        Matcher m = Pattern.compile("(\\d+) predictions?").matcher(data);
        int most = 0;
        while (m.find()) {
            most = Math.max(most, Integer.parseInt(m.group(1)));
        }
        return most;
    }

    private static void check(HttpResponse<?> r, String what, int status) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(what + " answered " + r.statusCode());
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static int students(String text) {
        if (text.matches("[0-9]{1,4}")) {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_STUDENTS) {
                return n;
            }
        }
        throw new IllegalArgumentException("--students must be a whole number from 1 to " + MAX_STUDENTS + "; got \""
                + text + "\"");
    }
}
