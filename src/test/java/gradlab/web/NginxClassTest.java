package gradlab.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import gradlab.config.Settings;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;
import gradlab.view.LessonText;

/**
 * A class behind nginx, as the README's sample runs it: two in-process instances behind a
 * private nginx, the class's addresses sent to the first, everything else balanced by the
 * client cookie. Students whose cookies the balancer spreads over both instances all join, their
 * predictions reach the instructor, and Reveal, Next and the class's end reach every student's
 * stream through the proxy. Were the class's addresses balanced like the rest, the students
 * sent to the second instance would be told that the class does not exist; were the Host passed
 * without its port, the instructor's page would show students a wrong join address. Skipped
 * without nginx, except on CI (CI=true), where that is a failure.
 */
class NginxClassTest {
    private static final String CLIENT = Headers.CLIENT_COOKIE;
    /** Students on each instance, by the balancer's choice for their cookies. */
    private static final int PER_INSTANCE = 3;
    private static final Duration EVENT = Duration.ofSeconds(10);
    private static final String QUESTION = "mean-error.angleDegrees";

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private static Server a;
    private static Server b;
    private static PrivateNginx nginx;

    /** Streams a test opened; closed after each test. */
    private final List<InputStream> open = new ArrayList<>();

    @BeforeAll
    static void startInstancesAndProxy() throws Exception {
        String binary = PrivateNginx.requireBinary();
        try {
            Lessons lessons = Lessons.load(true, null, Limits.DEFAULT, LessonText::html);
            // as the README's sample runs them: the proxy on this machine is trusted for X-Forwarded-For
            Settings settings = Settings.defaults().with(s -> {
                s.host = "127.0.0.1";
                s.port = 0;
                s.trustedProxies = List.of("127.0.0.1");
            });
            a = Server.create(settings, lessons).start(0);
            b = Server.create(settings, lessons).start(0);
            nginx = PrivateNginx.start(binary, a.port(), b.port());
        } catch (Throwable e) {
            stopAll();
            throw e;
        }
    }

    @AfterAll
    static void stopAll() {
        if (nginx != null) {
            nginx.close();
            nginx = null;
        }
        for (Server s : new Server[] {a, b}) {
            if (s != null) {
                s.stop();
            }
        }
        a = null;
        b = null;
    }

    @AfterEach
    void closeStreams() {
        for (InputStream in : open) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the stream is gone either way
            }
        }
        open.clear();
    }

    @Test
    void aClassRunsThroughTheProxyOnTheInstanceThatHoldsIt() throws Exception {
        // students whose cookies the balancer sends to each instance for every other address
        List<Browser> students = studentsOnBothInstances();

        // the instructor starts a class through the proxy; a client's own X-Forwarded-Proto is
        // replaced by the proxy's scheme, so the key cookie is not Secure over plain HTTP
        Browser instructor = new Browser("1a57c0de1a57c0de");
        HttpResponse<String> started = instructor.post("/class", Map.of("lessons", "intro,f1-covariance"),
                "X-Forwarded-Proto", "https");
        assertEquals(303, started.statusCode(), started.body());
        Matcher teach = Pattern.compile("^/class/([^/]+)/teach$").matcher(started.headers().firstValue("Location").orElse(""));
        assertTrue(teach.find(), started.headers().map().toString());
        String code = teach.group(1);
        String key = started.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("gl_key_" + code + "=")).findFirst()
                .orElseGet(() -> fail("the instructor gets the key cookie through the proxy: " + started.headers().map()));
        assertTrue(key.contains("Path=/class/" + code), key);
        assertFalse(List.of(key.toLowerCase(Locale.ROOT).split(";\\s*")).contains("secure"),
                "over plain HTTP the key cookie is not Secure: " + key);
        // the instructor's page tells students the address they reached it by, port included
        HttpResponse<String> page = instructor.get("/class/" + code + "/teach");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains(nginx.origin() + "/join"), "the page shows " + nginx.origin() + "/join");
        // a stream hears the class from its first event on (the class as it is now): every test
        // waits for it, so that no move of the instructor's comes before a stream listens
        Events teachEvents = instructor.events("/class/" + code + "/teach/events");
        teachEvents.await("joined");

        // every student joins (the code typed in lower case), sees the class's page and opens its
        // stream; each predicts
        List<Events> streams = new ArrayList<>();
        for (int i = 0; i < students.size(); i++) {
            Browser s = students.get(i);
            HttpResponse<String> joined = s.post("/join", Map.of("code", code.toLowerCase(Locale.ROOT)));
            assertEquals(303, joined.statusCode(), "student " + i + " joins through the proxy");
            assertEquals("/class/" + code, joined.headers().firstValue("Location").orElse(""));
            assertEquals(200, s.get("/class/" + code).statusCode(), "student " + i + " sees the class");
            Events stream = s.events("/class/" + code + "/events");
            stream.await("state");
            streams.add(stream);
        }
        teachEvents.await("joined");
        for (int i = 0; i < students.size(); i++) {
            HttpResponse<String> p = students.get(i).post("/class/" + code + "/predict",
                    Map.of("question", QUESTION, "value", guess(i)));
            assertEquals(204, p.statusCode(), "student " + i + "'s prediction: " + p.body());
        }
        teachEvents.await("predictions");

        // Reveal, Next, and Next past the last lesson reach every student's stream
        for (String[] move : new String[][] {{"reveal", "reveal"}, {"next", "next"}, {"next", "ended"}}) {
            HttpResponse<String> r = instructor.post("/class/" + code + "/" + move[0], Map.of());
            assertEquals(204, r.statusCode(), move[0] + ": " + r.body());
            for (int i = 0; i < streams.size(); i++) {
                streams.get(i).await(move[1]);
            }
        }

        // the CSV holds every student's prediction, one row each
        HttpResponse<String> csv = instructor.get("/class/" + code + "/predictions.csv");
        assertEquals(200, csv.statusCode(), csv.body());
        List<String> lines = csv.body().lines().toList();
        assertEquals("lesson,question,student,value,truth", lines.get(0));
        List<String> rows = lines.subList(1, lines.size());
        assertEquals(students.size(), rows.size(), csv.body());
        Set<String> ids = new TreeSet<>();
        Set<Double> values = new TreeSet<>();
        for (String row : rows) {
            String[] cells = row.split(",", -1);
            assertEquals(List.of("intro", QUESTION), List.of(cells[0], cells[1]), row);
            ids.add(cells[2]);
            values.add(Double.parseDouble(cells[3]));
        }
        assertEquals(students.size(), ids.size(), "one row per student: " + csv.body());
        Set<Double> guesses = new TreeSet<>();
        for (int i = 0; i < students.size(); i++) {
            guesses.add(Double.parseDouble(guess(i)));
        }
        assertEquals(guesses, values, csv.body());

        // every class address went to the first instance, which alone holds the class: the
        // second does not know it, so a student balanced there would have been refused
        String first = "127.0.0.1:" + a.port();
        List<String> classRequests = loggedClassRequests(students.size());
        for (String l : classRequests) {
            assertEquals(first, l.split(" ")[0], "a class address went to the class's instance: " + l);
        }
        HttpResponse<String> elsewhere = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + b.port()
                + "/join")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("code=" + code)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, elsewhere.statusCode(), "the other instance does not know the class");
    }

    /**
     * {@value #PER_INSTANCE} students for each instance: cookies the balancer sends there, as
     * the access log shows for a request of each to another address.
     */
    private List<Browser> studentsOnBothInstances() throws Exception {
        Map<String, List<Browser>> byInstance = new LinkedHashMap<>();
        byInstance.put("127.0.0.1:" + a.port(), new ArrayList<>());
        byInstance.put("127.0.0.1:" + b.port(), new ArrayList<>());
        for (int i = 0; i < 64 && byInstance.values().stream().anyMatch(l -> l.size() < PER_INSTANCE); i++) {
            Browser s = new Browser(String.format(Locale.ROOT, "%016x", 0x5700L + i));
            String probe = "/health?probe=" + i;
            assertEquals(200, s.get(probe).statusCode());
            String upstream = upstreamOf(probe);
            List<Browser> there = byInstance.get(upstream);
            assertTrue(there != null, "the balancer chose one of the two instances: " + upstream);
            if (there.size() < PER_INSTANCE) {
                there.add(s);
            }
        }
        for (Map.Entry<String, List<Browser>> e : byInstance.entrySet()) {
            assertEquals(PER_INSTANCE, e.getValue().size(), "the balancer sends some cookies to " + e.getKey());
        }
        return byInstance.values().stream().flatMap(List::stream).toList();
    }

    /**
     * The access log's lines of class addresses, once it holds every student's predictions
     * (nginx writes a line once its answer is sent, a stream's once it has ended).
     */
    private static List<String> loggedClassRequests(int students) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            List<String> lines = nginx.accessLog().stream()
                    .filter(l -> l.split(" ")[2].matches("/(class|join)([/?].*)?")).toList();
            long predictions = lines.stream().filter(l -> l.matches(".* POST /class/[^/]+/predict .*")).count();
            if (predictions >= students) {
                return lines;
            }
            if (System.nanoTime() > deadline) {
                return fail("the access log has " + predictions + " of " + students + " predictions:\n"
                        + String.join("\n", lines));
            }
            Thread.sleep(20);
        }
    }

    /** The instance that answered a request, from the access log (nginx writes it once the answer is sent). */
    private static String upstreamOf(String requestUri) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            for (String line : nginx.accessLog()) {
                String[] f = line.split(" ");
                if (f.length >= 3 && f[2].equals(requestUri)) {
                    return f[0];
                }
            }
            Thread.sleep(20);
        }
        return fail("no access log line for " + requestUri + ":\n" + String.join("\n", nginx.accessLog()));
    }

    /** Student i's guess at the angle, in degrees. */
    private static String guess(int i) {
        return Integer.toString(10 + 20 * i);
    }

    // ---------------------------------------------------------------- a browser through the proxy

    /** One browser: its client cookie, and the cookies the class sets. */
    private final class Browser {
        private final Map<String, String> cookies = new LinkedHashMap<>();

        Browser(String client) {
            cookies.put(CLIENT, client);
        }

        HttpResponse<String> get(String path) throws Exception {
            return send(HttpRequest.newBuilder(nginx.uri(path)).GET());
        }

        /** A form's POST, with the Origin a browser sends from a page of this site. */
        HttpResponse<String> post(String path, Map<String, String> fields, String... headers) throws Exception {
            String body = fields.entrySet().stream()
                    .map(f -> URLEncoder.encode(f.getKey(), UTF_8) + "=" + URLEncoder.encode(f.getValue(), UTF_8))
                    .collect(Collectors.joining("&"));
            HttpRequest.Builder req = HttpRequest.newBuilder(nginx.uri(path))
                    .header("Origin", nginx.origin())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            for (int i = 0; i + 1 < headers.length; i += 2) {
                req.header(headers[i], headers[i + 1]);
            }
            return send(req);
        }

        /** A stream of server-sent events, read on a thread of its own. */
        Events events(String path) throws Exception {
            HttpResponse<InputStream> r = HTTP.send(withCookies(HttpRequest.newBuilder(nginx.uri(path))
                    .header("Accept", "text/event-stream").timeout(EVENT).GET()).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            open.add(r.body());
            assertEquals(200, r.statusCode(), path);
            return new Events(path, r.body());
        }

        private HttpResponse<String> send(HttpRequest.Builder req) throws Exception {
            HttpResponse<String> r = HTTP.send(withCookies(req.timeout(Duration.ofSeconds(20))).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (String c : r.headers().allValues("Set-Cookie")) {
                String pair = c.split(";", 2)[0];
                int eq = pair.indexOf('=');
                cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
            return r;
        }

        private HttpRequest.Builder withCookies(HttpRequest.Builder req) {
            return req.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
    }

    /** The names of a stream's events as they arrive. */
    private static final class Events {
        private final String path;
        private final BlockingQueue<String> names = new LinkedBlockingQueue<>();

        Events(String path, InputStream body) {
            this.path = path;
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(body, UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.startsWith("event:")) {
                            names.add(line.substring(6).strip());
                        }
                    }
                } catch (IOException closed) {
                    // the test closed the stream
                }
            }, "class-stream-reader");
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits for the next event of this name, skipping others. */
        void await(String name) throws InterruptedException {
            long deadline = System.nanoTime() + EVENT.toNanos();
            for (long left; (left = deadline - System.nanoTime()) > 0; ) {
                String next = names.poll(left, TimeUnit.NANOSECONDS);
                if (name.equals(next)) {
                    return;
                }
            }
            fail(path + " sent no " + name + " event through the proxy within " + EVENT);
        }
    }
}
