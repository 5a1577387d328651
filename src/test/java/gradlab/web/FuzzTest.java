package gradlab.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import gradlab.config.Settings;
import gradlab.lab.Param;
import gradlab.lab.LabSpec;
import gradlab.lab.Lesson;
import gradlab.lab.Lessons;
import gradlab.lab.Question;
import gradlab.lab.Limits;
import gradlab.view.LessonText;
import gradlab.view.Paths;

/**
 * Thousands of seeded odd requests against every route, on raw sockets so that malformed
 * URLs reach the server as sent: whatever comes in, the answer is never a 5xx, never shows a
 * stack trace or one of our class names, never echoes markup unescaped, and a refusal always
 * says in words what was wrong. A failure names the request, so it can be replayed; the seed
 * can be changed with {@code -Dgradlab.fuzz.seed=…}.
 */
class FuzzTest {
    private static final long SEED = Long.getLong("gradlab.fuzz.seed", 20_240_611L);
    private static final int REQUESTS = 2_400;
    private static final int CLIENTS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Lessons LESSONS = Lessons.load(true, null, Limits.DEFAULT, LessonText::html);

    /** What must never reach a client: an exception, a stack frame, a class of ours or of the libraries. */
    private static final Pattern LEAK = Pattern.compile(
            "Exception|\tat |gradlab\\.(?!css\\b|js\\b)[A-Za-z]|java\\.(lang|util|io)\\.|org\\.eclipse\\.jetty|io\\.javalin");
    /** Markup from the injected values: it may come back escaped, never as markup. */
    private static final Pattern INJECTED_MARKUP = Pattern.compile("<script>alert|<svg onload|<img src=x", Pattern.CASE_INSENSITIVE);
    private static final Pattern ERROR_TEXT = Pattern.compile("class=\"[^\"]*error[^\"]*\"[^>]*>\\s*[^<\\s]");

    private static final List<String> GET_ROUTES = List.of(Paths.HOME, Paths.LAB, Paths.LAB_RUN, Paths.LAB_LANDSCAPE,
            Paths.LAB_TRAIN, Paths.API_COMPARE, Paths.API_TRAIN, Paths.HEALTH, Paths.UPLOAD, "/lesson/{id}",
            Paths.LESSON_AFTER);
    private static final List<String> LAB_ROUTES = List.of(Paths.LAB, Paths.LAB_RUN, Paths.LAB_LANDSCAPE,
            Paths.API_COMPARE, Paths.API_TRAIN);

    private static Server server;

    @BeforeAll
    static void start() {
        server = Server.create(Settings.defaults().withPort(0).withRuns(2, 100), LESSONS).start(0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    /** One generated request: its bytes, the route it aims at and a readable line for a failure message. */
    record Case(int index, String route, String method, byte[] bytes) {
        String describe() {
            String head = new String(bytes, UTF_8);
            head = head.length() > 400 ? head.substring(0, 400) + "… (" + bytes.length + " bytes)" : head;
            return "#" + index + " " + head.replace("\r\n", "\\r\\n");
        }
    }

    @Test
    void thousandsOfOddRequestsGetNoServerErrorAndAMessageInWords() throws Exception {
        Random random = new Random(SEED);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            cases.add(generate(i, random));
        }

        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Map<String, Set<Integer>> statuses = new ConcurrentHashMap<>();
        Map<String, LongAdder> trainingEnds = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (Case c : cases) {
            clients.execute(() -> {
                try {
                    RawHttp.Response r = RawHttp.send(server.port(), c.bytes(), 30_000);
                    statuses.computeIfAbsent(c.method() + " " + c.route(), k -> ConcurrentHashMap.newKeySet()).add(r.status());
                    String problem = check(c, r, trainingEnds);
                    if (problem != null) {
                        failures.add(c.describe() + "\n  → " + r.statusLine() + " " + r.contentType() + ": " + problem
                                + "\n  body: " + abbreviate(r.text()));
                    }
                } catch (IOException | RuntimeException e) {
                    failures.add(c.describe() + "\n  → no answer: " + e);
                }
            });
        }
        clients.shutdown();
        assertTrue(clients.awaitTermination(100, TimeUnit.SECONDS), "the requests were answered in time");

        assertTrue(failures.isEmpty(), failures.size() + " of " + REQUESTS + " requests (seed " + SEED + ") failed:\n"
                + String.join("\n", failures.stream().limit(15).toList()));

        // the generator reaches every route, and gets past validation as well as being refused by it
        Map<String, Set<Integer>> seen = new TreeMap<>(statuses);
        for (String route : GET_ROUTES) {
            assertTrue(seen.containsKey("GET " + route), "GET " + route + " was exercised: " + seen);
            assertTrue(seen.keySet().stream().anyMatch(k -> k.endsWith(" " + route) && !k.startsWith("GET ")),
                    "a wrong method on " + route + ": " + seen);
        }
        for (String route : LAB_ROUTES) {
            Set<Integer> s = seen.get("GET " + route);
            assertTrue(s.contains(200) && s.contains(422), route + " answered both 200 and 422: " + s);
        }
        assertTrue(seen.get("POST " + Paths.UPLOAD).contains(422), "bad uploads were refused: " + seen);
        assertTrue(trainingEnds.containsKey("summary") && trainingEnds.containsKey("refused"),
                "event streams ran to their summary and were refused: " + trainingEnds);
        System.out.println("FuzzTest: " + REQUESTS + " requests, seed " + SEED + ", statuses " + seen
                + ", event streams " + trainingEnds);
    }

    @Test
    void aBodyLargerThanTheUploadCapIsRefusedAtOnce() throws Exception {
        long cap = Settings.defaults().uploads().maxBytes();
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) '7');
        long started = System.nanoTime();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            long length = 4 * cap;
            out.write(("POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=xyz\r\n"
                    + "Content-Length: " + length + "\r\nConnection: close\r\n\r\n"
                    + "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.csv\"\r\n\r\nx,y\n")
                    .getBytes(UTF_8));
            // a client that really sends its body: the server answers without waiting for all of it
            long sent = 0;
            try {
                while (sent < cap / 2) {
                    out.write(chunk);
                    sent += chunk.length;
                }
                out.flush();
            } catch (IOException closedEarly) {
                // the server may refuse and close before the client has finished writing
            }
            RawHttp.Response r = RawHttp.parse(socket.getInputStream().readAllBytes());
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(413, r.status(), r.statusLine() + "\n" + abbreviate(r.text()));
            assertTrue(visibleText(r.text()).contains(Long.toString(cap / 1024)), "the message names the cap in KiB: "
                    + visibleText(r.text()));
            assertTrue(millis < 5_000, "refused in " + millis + " ms, without reading " + length + " bytes");
        }
    }

    // ------------------------------------------------------------------ the checks

    /** What is wrong with the answer to one case, or null. */
    private static String check(Case c, RawHttp.Response r, Map<String, LongAdder> trainingEnds) throws IOException {
        String body = r.text();
        String type = r.contentType();
        if (r.status() >= 500 || r.status() < 200) {
            return "status " + r.status();
        }
        Matcher leak = LEAK.matcher(body);
        if (leak.find()) {
            return "the body shows \"" + leak.group() + "\"";
        }
        if (r.headers().containsKey("x-injected")) {
            return "a header was injected through the URL";
        }
        if ((type.startsWith("text/html") || type.startsWith("text/event-stream")) && INJECTED_MARKUP.matcher(body).find()) {
            return "injected markup came back unescaped";
        }
        if (!r.complete()) {
            return "the chunked body was cut off";
        }
        if (r.status() >= 400) {
            return explainsItself(r, body, type);
        }
        if (!c.method().equals("GET")) {
            return null;
        }
        if (c.route().equals(Paths.LAB_TRAIN) && type.startsWith("text/event-stream")) {
            return streamEnds(body, trainingEnds);
        }
        if (c.route().equals(Paths.API_TRAIN) && r.status() == 200) {
            return trainingEnds(body, type);
        }
        if (type.startsWith("application/json")) {
            JSON.readTree(body);
        }
        return null;
    }

    /** A refusal says what was wrong in words: a JSON "error", an HTML message, or plain text. */
    private static String explainsItself(RawHttp.Response r, String body, String type) {
        if (body.isBlank()) {
            return "an empty refusal";
        }
        if (type.startsWith("application/json")) {
            try {
                JsonNode error = JSON.readTree(body).get("error");
                return error != null && error.isTextual() && hasWords(error.asText()) ? null : "no \"error\" in words";
            } catch (IOException e) {
                return "JSON that does not parse";
            }
        }
        if (type.startsWith("text/html")) {
            if (!hasWords(visibleText(body))) {
                return "HTML without visible text";
            }
            if (r.status() == 422 && !ERROR_TEXT.matcher(body).find()) {
                return "a 422 page without its error message";
            }
            return null;
        }
        if (type.startsWith("text/plain")) {
            return hasWords(body) ? null : "plain text without words";
        }
        return "a refusal as " + type;
    }

    /** An event stream ends with its done event: after a summary, or with the reason it was refused. */
    private static String streamEnds(String body, Map<String, LongAdder> ends) {
        List<String> events = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^event: ?(\\w+)").matcher(body);
        while (m.find()) {
            events.add(m.group(1));
        }
        if (events.isEmpty() || !events.get(events.size() - 1).equals("done")) {
            return "the stream did not end with done: " + events;
        }
        if (body.contains("failed on the server")) {
            return "the run failed on the server";
        }
        String end = events.contains("summary") ? "summary" : "refused";
        if (end.equals("refused") && !ERROR_TEXT.matcher(body).find()) {
            return "a refused stream without its reason";
        }
        ends.computeIfAbsent(end, k -> new LongAdder()).increment();
        return null;
    }

    /** NDJSON ends with its summary; CSV starts with its header. */
    private static String trainingEnds(String body, String type) throws IOException {
        List<String> lines = body.lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            return "an empty training answer";
        }
        if (type.startsWith("text/csv")) {
            return lines.get(0).startsWith("step,") ? null : "CSV without its header";
        }
        JsonNode last = JSON.readTree(lines.get(lines.size() - 1));
        return last.has("summary") && last.get("summary").get("end").asText().equals("completed") ? null
                : "NDJSON that does not end with a completed summary";
    }

    static String visibleText(String html) {
        return html.replaceAll("(?is)<(script|style|template)\\b.*?</\\1>", " ")
                .replaceAll("(?s)<[^>]*>", " ")
                .replaceAll("&[#a-zA-Z0-9]+;", " ")
                .replaceAll("\\s+", " ")
                .strip();
    }

    private static boolean hasWords(String s) {
        return s != null && Pattern.compile("\\p{L}{2,}").matcher(s).find();
    }

    private static String abbreviate(String s) {
        String one = s.replace("\r", "\\r").replace("\n", "\\n");
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }

    // ------------------------------------------------------------------ the generator

    private static final List<String> UNKNOWN_NAMES = List.of("foo", "N", "Data", "n ", "n[]", "__proto__",
            "constructor", "px", "py", "é", "x".repeat(300), "<script>alert(1)</script>", "steps[]", "lr;", "format.csv");

    private static final List<String> ODD_VALUES = List.of(
            // empty, signs and the words Java would parse
            "", "-1", "-0", "-0.0", "-2147483648", "-1e-3", "+1", " 1", "1 ", ".", "-", "1.", ".5",
            "NaN", "nan", "Infinity", "-Infinity", "+Infinity", "inf", "1e309", "-1e309", "1e-400",
            "99999999999999999999999999", "2147483648", "9223372036854775808", "0x10", "1_000", "1d", "1f", "1.0e",
            "1,2,", ",", ",,", "0,0", "65", "64,64,64,64,64,64,64", "-4,8", "1e2,3",
            // not ASCII
            "é", "😀", "中文", "\u202e1", "１２", "٣", "\u0000", "ǅ", "\uFEFF1",
            // injection-looking
            "<script>alert(1)</script>", "\"><svg onload=alert(1)>", "<img src=x onerror=alert(1)>", "' OR 1=1 --",
            "1; DROP TABLE runs", "../../etc/passwd", "..\\..\\windows\\win.ini", "%00", "\r\nX-Injected: 1",
            "${jndi:ldap://example.invalid/a}", "{{7*7}}", "$(id)", "`id`", "a&b=c", "u-../../../x");

    /** Escapes only a raw URL can carry, sent as they are. */
    private static final List<String> MALFORMED_ESCAPES = List.of("%", "%z", "%zz", "%e2%82", "%C0%AF", "%%", "%u0041",
            "%0", "%ff%fe", "1%", "%2", "%-1");

    private static Case generate(int index, Random r) {
        int kind = r.nextInt(14);
        List<String> headers = randomHeaders(r);
        return switch (kind) {
            case 0, 1 -> query(index, r, Paths.LAB, headers);
            case 2 -> query(index, r, Paths.LAB_RUN, headers);
            case 3 -> query(index, r, Paths.LAB_LANDSCAPE, headers);
            case 4, 5 -> query(index, r, Paths.API_COMPARE, headers);
            case 6 -> query(index, r, Paths.API_TRAIN, headers);
            case 7 -> {
                List<String> h = new ArrayList<>(headers);
                if (r.nextInt(10) > 0) {
                    h.add("Accept: text/event-stream");
                }
                yield query(index, r, Paths.LAB_TRAIN, h);
            }
            case 8 -> query(index, r, pick(r, List.of(Paths.HOME, Paths.HEALTH, Paths.UPLOAD)), headers);
            case 9 -> lesson(index, r, pageAccept(headers));
            case 10 -> oddPath(index, r, pageAccept(headers));
            case 11 -> wrongMethod(index, r, headers);
            default -> upload(index, r, headers);
        };
    }

    private static List<String> randomHeaders(Random r) {
        List<String> h = new ArrayList<>();
        if (r.nextInt(5) == 0) {
            h.add("HX-Request: true");
        }
        if (r.nextInt(20) == 0) {
            h.add("HX-History-Restore-Request: true");
        }
        if (r.nextInt(10) == 0) {
            // "Accept: application/json" is left out: pages then answer a 404 in Javalin's own JSON, without "error"
            h.add(pick(r, List.of("Accept: text/event-stream", "Accept: */*", "Accept: text/html;q=0.1, application/xml",
                    "Accept: application/x-ndjson")));
        }
        if (r.nextInt(15) == 0) {
            h.add("Cookie: " + Headers.CLIENT_COOKIE + "=" + pick(r, List.of("", "x;y", "%zz", "é", "<b>")));
        }
        if (r.nextInt(40) == 0) {
            h.add("X-Padding: " + "p".repeat(10_000));
        }
        return h;
    }

    /**
     * The headers without an Accept that names neither HTML nor any type. A malformed path is
     * refused by Jetty itself, and Jetty's default error handler answers such an Accept (an
     * event stream, NDJSON) with an empty body: left out here.
     */
    private static List<String> pageAccept(List<String> headers) {
        List<String> h = new ArrayList<>(headers);
        h.removeIf(header -> header.startsWith("Accept:") && !header.contains("text/html") && !header.contains("*/*"));
        return h;
    }

    private static Case query(int index, Random r, String route, List<String> headers) {
        List<String[]> pairs = new ArrayList<>();
        int count = r.nextInt(6);
        for (int i = 0; i < count; i++) {
            String name = r.nextInt(10) < 8 ? pick(r, Param.names()) : pick(r, UNKNOWN_NAMES);
            pairs.add(new String[] {name, value(r, name)});
        }
        boolean training = route.equals(Paths.API_TRAIN) || route.equals(Paths.LAB_TRAIN);
        if (training && pairs.stream().noneMatch(p -> p[0].equals("steps"))) {
            // keep every run that is accepted short
            pairs.add(new String[] {"steps", Integer.toString(1 + r.nextInt(5))});
        }
        if (route.equals(Paths.LAB_LANDSCAPE) && r.nextBoolean()) {
            pairs.add(new String[] {"px", value(r, "px")});
            pairs.add(new String[] {"py", value(r, "py")});
        }
        StringBuilder q = new StringBuilder();
        for (String[] p : pairs) {
            if (q.length() > 0 || r.nextInt(30) == 0) {
                q.append(r.nextInt(30) == 0 ? "&&" : "&");
            }
            q.append(encode(r, p[0]));
            if (r.nextInt(30) > 0) {
                q.append('=').append(encode(r, p[1]));
            }
        }
        String target = q.length() == 0 && r.nextBoolean() ? route : route + "?" + q;
        return new Case(index, route, "GET", RawHttp.request("GET", target, headers, null));
    }

    /** A value for a parameter: most often one the lab accepts (small, so runs stay short), else an odd one. */
    private static String value(Random r, String name) {
        int roll = r.nextInt(100);
        if (roll < 8) {
            return MALFORMED_ESCAPES.get(r.nextInt(MALFORMED_ESCAPES.size())) + "\u0001raw";
        }
        if (roll < 11) {
            // longer than any URL the server takes (414), or long but still taken
            return (r.nextBoolean() ? "9" : "a").repeat(r.nextBoolean() ? 10_000 : 3_000);
        }
        if (roll < 40) {
            return pick(r, ODD_VALUES);
        }
        return switch (name) {
            case "data" -> pick(r, List.of("line", "sine", "quadratic", "step", "blobs", "xor", "circles", "spiral",
                    "blobs3", "u-000000000000", "u-" + Long.toHexString(r.nextLong() | (1L << 60)).substring(0, 12)));
            case "n" -> Integer.toString(1 + r.nextInt(r.nextBoolean() ? 8 : 200));
            case "noise" -> pick(r, List.of("0", "0.5", "1", Double.toString(r.nextDouble()), "1.5"));
            case "seed" -> pick(r, List.of("0", "2147483647", Integer.toString(r.nextInt(Integer.MAX_VALUE))));
            case "hidden" -> pick(r, List.of("", "4", "8,8", "3,2,1", "16", "0"));
            case "act" -> pick(r, List.of("identity", "sigmoid", "tanh", "relu", "leaky_relu", "softmax"));
            case "loss" -> pick(r, List.of("mse", "mae", "huber", "linear", "bce", "ce", "hinge"));
            case "batch" -> pick(r, List.of("", "1", Integer.toString(1 + r.nextInt(40))));
            case "micro" -> pick(r, List.of("", "4,12,16", "16,16", "1,31", "8,24", "32", "0,32"));
            case "naive" -> pick(r, List.of("", "mean-input", "mean-error", "mean-input,mean-error",
                    "mean-error,mean-input", "mean-of-means", "per-example"));
            case "lr" -> pick(r, List.of("0.05", "0.5", "1e-3", "1000", "0.0001", "1000.0001", "0"));
            case "steps" -> Integer.toString(1 + r.nextInt(5));
            case "format" -> pick(r, List.of("ndjson", "csv", "xml", "CSV"));
            case "px", "py" -> Integer.toString(r.nextInt(r.nextBoolean() ? 6 : 5000));
            default -> Integer.toString(r.nextInt(100));
        };
    }

    /**
     * How a name or value goes into the URL: percent-encoded as a browser would, or raw (the
     * server then sees the bytes themselves: a quote, a bracket, UTF-8, a lone %). Malformed
     * escapes (marked by \u0001) always go raw. Spaces and line breaks are always encoded:
     * raw, they would end the request line, and that is Jetty's business, not the lab's.
     */
    private static String encode(Random r, String s) {
        int mark = s.indexOf('\u0001');
        if (mark >= 0) {
            return s.substring(0, mark);
        }
        boolean raw = r.nextInt(4) == 0 && s.chars().noneMatch(ch -> ch == ' ' || ch == '\r' || ch == '\n' || ch == '#'
                || ch == '\u0000' || ch == '\t');
        return raw ? s : URLEncoder.encode(s, UTF_8);
    }

    private static Case lesson(int index, Random r, List<String> headers) {
        List<String> ids = new ArrayList<>(LESSONS.all().stream().map(Lesson::id).toList());
        ids.addAll(List.of("nope", "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "%zz", "%C3%A9", "%F0%9F%98%80", "x".repeat(3_000),
                "intro%00", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "F1", "f1;", "intro.md", "intro%2Fx"));
        String id = pick(r, ids);
        if (r.nextBoolean()) {
            return answer(index, r, id, headers);
        }
        String target = "/lesson/" + id + (r.nextInt(4) == 0 ? "?" + encode(r, pick(r, ODD_VALUES)) : "");
        return new Case(index, "/lesson/{id}", "GET", RawHttp.request("GET", target, headers, null));
    }

    /** An answer to a lesson's questions: question and value pairs, most often ones its sliders take. */
    private static Case answer(int index, Random r, String id, List<String> headers) {
        List<String> questions = LESSONS.find(id).map(l -> l.questions().stream().map(Question::name).toList())
                .filter(q -> !q.isEmpty()).orElse(List.of("mean-error.angleDegrees"));
        StringBuilder q = new StringBuilder();
        int pairs = r.nextInt(4);
        for (int i = 0; i < pairs; i++) {
            if (q.length() > 0) {
                q.append('&');
            }
            String field = r.nextInt(12) == 0 ? pick(r, UNKNOWN_NAMES) : "question";
            String question = r.nextInt(6) > 0 ? pick(r, questions) : pick(r, ODD_VALUES);
            String value = r.nextInt(3) > 0 ? pick(r, List.of("0", "0.5", "1", "-1", "3", "45", "180", "181", "0.01"))
                    : pick(r, ODD_VALUES);
            q.append(encode(r, field)).append('=').append(encode(r, question));
            if (r.nextInt(10) > 0) {
                q.append("&value=").append(encode(r, value));
            }
        }
        String target = "/lesson/" + id + "/after" + (q.length() == 0 && r.nextBoolean() ? "" : "?" + q);
        return new Case(index, Paths.LESSON_AFTER, "GET", RawHttp.request("GET", target, headers, null));
    }

    private static Case oddPath(int index, Random r, List<String> headers) {
        String path = pick(r, List.of("/nowhere", "/api/", "/api/nope", "/api/compare/", "/lab/", "/LAB", "//lab",
                "/lab/train/extra", "/lab;x=1", "/static/", "/static/nope.css", "/static/%2e%2e/gradlab/web/Server.class",
                "/webjars/", "/webjars/htmx.org/0.0.0/dist/htmx.min.js", "/%zz", "/%", "/lab%", "/%E2%82",
                "/lab/%3Cscript%3Ealert(1)%3C%2Fscript%3E", "/upload/x", "/health/", "/favicon.ico", "/lesson/",
                "/lesson", "/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2fetc/passwd", "/static/../../etc/passwd",
                "/lab/../health", "/" + "p".repeat(9_000), "/ü", "/中文", "/lab?a=<script>alert(1)</script>"));
        return new Case(index, "odd path", "GET", RawHttp.request("GET", path, headers, null));
    }

    private static Case wrongMethod(int index, Random r, List<String> headers) {
        String route = pick(r, GET_ROUTES);
        String method = route.equals(Paths.UPLOAD) ? pick(r, List.of("PUT", "DELETE", "PATCH", "OPTIONS"))
                : pick(r, List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS"));
        String path = route.replace("{id}", LESSONS.all().get(0).id());
        byte[] body = r.nextBoolean() ? null : randomBytes(r, r.nextInt(2_000));
        List<String> h = new ArrayList<>(headers);
        // Jetty's own refusal of an oversized header has an empty body for methods other than
        // GET and POST (its default error handler writes pages for those only): left out here
        h.removeIf(header -> header.startsWith("X-Padding"));
        if (body != null) {
            h.add("Content-Type: " + pick(r, List.of("application/json", "application/x-www-form-urlencoded",
                    "text/plain", "multipart/form-data; boundary=b")));
        }
        return new Case(index, route, method, RawHttp.request(method, path + "?data=xor", h, body));
    }

    /**
     * A well-formed multipart upload of a bad (or now and then a good) CSV file, or a body that
     * is no multipart at all. Broken multipart envelopes (no closing boundary, no boundary
     * parameter, a part without headers) are not generated: UploadController still lets
     * Jetty's ServletException through for them, and they answer 500.
     */
    private static Case upload(int index, Random r, List<String> headers) {
        List<String> h = new ArrayList<>(headers);
        byte[] csv = badCsv(r);
        byte[] body;
        int envelope = r.nextInt(10);
        if (envelope < 7) {
            String boundary = "----fuzz" + Long.toHexString(r.nextLong());
            String field = envelope == 6 ? pick(r, List.of("upload", "File", "", "file\"; x=\"")) : "file";
            String filename = r.nextBoolean() ? "data.csv" : pick(r, List.of("", "../../etc/passwd", "é.csv",
                    "<script>alert(1)</script>.csv", "a".repeat(500)));
            h.add("Content-Type: multipart/form-data; boundary=" + boundary);
            body = multipart(boundary, field, filename, pick(r, List.of("text/csv", "application/octet-stream",
                    "image/png")), csv);
        } else if (envelope < 9) {
            h.add("Content-Type: " + pick(r, List.of("text/csv", "application/x-www-form-urlencoded", "application/json")));
            body = csv;
        } else {
            body = csv;
        }
        return new Case(index, Paths.UPLOAD, "POST", RawHttp.request("POST", Paths.UPLOAD, h, body));
    }

    static byte[] multipart(String boundary, String field, String filename, String partType, byte[] content) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + filename + "\"\r\nContent-Type: " + partType + "\r\n\r\n").getBytes(UTF_8));
        b.writeBytes(content);
        b.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(UTF_8));
        return b.toByteArray();
    }

    private static byte[] badCsv(Random r) {
        StringBuilder s = new StringBuilder();
        switch (r.nextInt(12)) {
            case 0 -> {
                return randomBytes(r, r.nextInt(4_000));
            }
            case 1 -> {
                // ragged rows
                s.append("x,y\n");
                for (int i = 0; i < 5 + r.nextInt(50); i++) {
                    int cols = 1 + r.nextInt(4);
                    for (int c = 0; c < cols; c++) {
                        s.append(c == 0 ? "" : ",").append(r.nextGaussian());
                    }
                    s.append('\n');
                }
            }
            case 2 -> {
                // a header of thousands of columns
                for (int c = 0; c < 5_000; c++) {
                    s.append(c == 0 ? "" : ",").append("c").append(c);
                }
                s.append("\n1,2\n");
            }
            case 3 -> {
                // one header cell of 200 KB
                s.append("x".repeat(200_000)).append(",y\n1,2\n");
            }
            case 4 -> {
                // binary: a PNG's signature, NULs, invalid UTF-8
                byte[] b = randomBytes(r, 500);
                byte[] sig = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, (byte) 0xc3, 0x28};
                System.arraycopy(sig, 0, b, 0, sig.length);
                return b;
            }
            case 5 -> s.append(pick(r, List.of("", "\n", "x,y\n", "x,y", ",\n,\n", "\"x,y\n1,2\n", "x,y\n1,NaN\n",
                    "x,y\n1,Infinity\n", "x,y\n1e999,2\n", "x,y\n0x1,2\n", "x;y\n1;2\n", "x,y\r\n1,2\r\n", "x,y\n\n\n\n1,2\n",
                    "x,y\n1,2,\n", "x,,y\n1,,2\n", "x,y\n1,\n", "x,y\n\"1\",\"2\"\n", "x,y\n1 ,2\n", "\uFEFFx,y\n1,2\n",
                    "x,y\n-,+\n", "x,y\n1,<script>alert(1)</script>\n", "x,y\n1,2\n3,abc\n")));
            case 6 -> {
                // more rows than any upload may have
                s.append("x,y\n");
                for (int i = 0; i < 10_500; i++) {
                    s.append(i % 10).append(',').append(i % 7).append('\n');
                }
            }
            case 7 -> {
                // more columns than any upload may have
                for (int c = 0; c < 40; c++) {
                    s.append(c == 0 ? "" : ",").append("c").append(c);
                }
                s.append('\n');
                for (int c = 0; c < 40; c++) {
                    s.append(c == 0 ? "" : ",").append(c);
                }
                s.append('\n');
            }
            case 8 -> {
                return ("x,y\n1,2\n").getBytes(java.nio.charset.StandardCharsets.UTF_16);
            }
            case 9 -> {
                // a long line without a line end
                s.append("x,y\n").append("1".repeat(100_000));
            }
            case 10 -> {
                // a good file now and then: the upload works and its id can be used
                s.append("x,y\n");
                for (int i = 0; i < 3 + r.nextInt(30); i++) {
                    s.append(r.nextInt(100) / 10.0).append(',').append(r.nextInt(100) / 10.0).append('\n');
                }
            }
            default -> {
                // random printable text with commas and line ends
                for (int i = 0; i < r.nextInt(3_000); i++) {
                    int k = r.nextInt(20);
                    s.append(k == 0 ? '\n' : k == 1 ? ',' : k == 2 ? '"' : (char) (32 + r.nextInt(95)));
                }
            }
        }
        return s.toString().getBytes(UTF_8);
    }

    private static byte[] randomBytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static <T> T pick(Random r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }
}
