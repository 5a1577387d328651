package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import gradlab.config.Settings;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;
import gradlab.lab.Question;
import gradlab.view.LessonText;

/**
 * A class over HTTP as its people meet it, each with their own cookies: an instructor starts
 * it, students join with its code and predict, the instructor's stream counts them, reveal and
 * next reach every student's stream, the CSV holds every prediction. And what must be refused:
 * a student acting as the instructor, a form from another site, guessed codes, values off the
 * slider, predictions after the reveal, more classes or students than the caps allow.
 */
class ClassFlowTest {
    static final Lessons LESSONS = Lessons.load(true, null, Limits.DEFAULT, LessonText::html);
    static final Duration WAIT = Duration.ofSeconds(15);
    private static final Pattern TEACH = Pattern.compile("/class/([2-9A-HJ-NP-Z]{6})/teach$");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The introduction asks for one prediction: the angle of mean-error's gradient, 0..180. */
    private static final Question INTRO = LESSONS.find("intro").orElseThrow().questions().get(0);

    private final List<Server> servers = new ArrayList<>();
    private final List<StreamLog> streams = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (StreamLog s : streams) {
            s.close();
        }
        servers.forEach(Server::stop);
    }

    private Server server(Consumer<Settings.Builder> change, Clock clock) {
        Server s = Server.create(Settings.defaults().withPort(0).withRuns(1, 10).with(change), LESSONS, clock).start(0);
        servers.add(s);
        return s;
    }

    private Server server() {
        return server(b -> { }, Clock.systemUTC());
    }

    // ---------------------------------------------------------------- the whole class

    @Test
    void aClassOfThreeStudentsPredictsSeesTheRevealMovesOnAndEnds() throws Exception {
        Server server = server();
        ClassPerson teacher = new ClassPerson(server.port());
        String code = start(teacher, "intro,f1-covariance");
        String key = teacher.cookie("gl_key_" + code);
        assertNotNull(key, "the instructor holds the key");
        assertTrue(key.matches("[0-9a-f]{32}"), "128 random bits: " + key);

        HttpResponse<String> page = teacher.get("/class/" + code + "/teach");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains(code) && page.body().contains("/join"), "the code and where to type it");
        StreamLog board = listen(teacher, "/class/" + code + "/teach/events");
        assertEquals(List.of("joined", "predictions"), names(await(board, "predictions", 1)).subList(0, 2),
                "the instructor's stream begins with the count and the board");

        List<ClassPerson> students = new ArrayList<>();
        List<StreamLog> theirs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ClassPerson s = new ClassPerson(server.port());
            // one types the code in lower case, with spaces around it
            HttpResponse<String> joined = s.post("/join", "code", i == 1 ? " " + code.toLowerCase(Locale.ROOT) + " " : code);
            assertEquals(303, joined.statusCode(), joined.body());
            assertEquals("/class/" + code, joined.headers().firstValue("Location").orElse(""));
            HttpResponse<String> mine = s.get("/class/" + code);
            assertEquals(200, mine.statusCode());
            assertTrue(mine.body().contains("name=\"" + Question.FIELD + "\" value=\"" + INTRO.name() + "\""),
                    "the student's page asks the introduction's question");
            assertFalse(mine.body().contains(QuantityText.of(INTRO)), "and does not give its answer away");
            students.add(s);
            StreamLog events = listen(s, "/class/" + code + "/events");
            assertEquals("state", await(events, "state", 1).get(0).name(), "a student's stream begins with the state");
            theirs.add(events);
        }
        awaitTrue(() -> board.events().stream().anyMatch(e -> e.name().equals("joined")
                && e.data().contains("3 students")), "the instructor's stream counts three students", board);
        awaitTrue(() -> server.answering() == 0, "open class streams are not requests being answered "
                + "(the training runs would leave them a processor)", board);
        JsonNode health = JSON.readTree(teacher.get("/health").body());
        assertEquals(1, health.get("classes").asInt());
        assertEquals(3, health.get("students").asInt());

        // 10° and 20° fall in the first two of ten bins of 18°, 170° in the last; the first student changes their mind
        double[] guesses = {10, 20, 170};
        assertEquals(204, predict(students.get(0), code, "90").statusCode());
        for (int i = 0; i < 3; i++) {
            assertEquals(204, predict(students.get(i), code, Double.toString(guesses[i])).statusCode());
        }
        awaitTrue(() -> last(board, "predictions").contains("3 predictions"), "the board counts three predictions", board);
        String histogram = last(board, "predictions");
        assertEquals(List.of("0:1", "1:1", "9:1"), bins(histogram), "the histogram's bars");
        assertFalse(histogram.contains("data-role=\"truth\""), "no true value before the reveal");

        // a student cannot act as the instructor
        ClassPerson nosy = students.get(1);
        assertEquals(403, nosy.post("/class/" + code + "/reveal").statusCode());
        assertEquals(403, nosy.post("/class/" + code + "/next").statusCode());
        assertEquals(403, nosy.get("/class/" + code + "/teach").statusCode());
        assertEquals(403, nosy.get("/class/" + code + "/predictions.csv").statusCode());
        assertEquals(403, nosy.get("/class/" + code + "/teach/events", "Accept", "text/event-stream").statusCode());
        assertEquals(403, nosy.get("/class/" + code + "/teach?key=" + "0".repeat(32)).statusCode());
        assertTrue(theirs.stream().allMatch(e -> count(e, "reveal") == 0), "nothing was revealed");

        assertEquals(204, teacher.post("/class/" + code + "/reveal").statusCode());
        for (int i = 0; i < 3; i++) {
            String shown = await(theirs.get(i), "reveal", 1).stream().filter(e -> e.name().equals("reveal"))
                    .findFirst().orElseThrow().data();
            assertTrue(shown.contains("data-role=\"guess\">" + QuantityText.of(INTRO, guesses[i]) + "<"), shown);
            assertTrue(shown.contains("data-role=\"truth\">" + QuantityText.of(INTRO) + "<"), shown);
            assertTrue(shown.contains("id=\"results\""), "the rest of the lesson: its lab");
        }
        awaitTrue(() -> last(board, "predictions").contains("data-role=\"truth\""), "the board marks the true value", board);
        HttpResponse<String> late = predict(students.get(2), code, "50");
        assertEquals(409, late.statusCode(), "a prediction after the reveal: " + late.body());

        assertEquals(204, teacher.post("/class/" + code + "/next").statusCode());
        for (StreamLog e : theirs) {
            String next = await(e, "next", 1).stream().filter(x -> x.name().equals("next")).findFirst().orElseThrow().data();
            assertTrue(next.contains(LESSONS.find("f1-covariance").orElseThrow().title()), "the next lesson");
            assertTrue(next.contains("lesson 2 of 2"), next.substring(0, Math.min(300, next.length())));
        }
        // past the last lesson: next, then ended, and the stream closes
        assertEquals(204, teacher.post("/class/" + code + "/next").statusCode());
        for (StreamLog e : theirs) {
            await(e, "ended", 1);
            e.awaitEnd(WAIT);
            List<String> names = names(e);
            assertEquals(List.of("state", "reveal", "next", "next", "ended"), names.stream().filter(n -> !n.isEmpty()).toList());
        }

        HttpResponse<String> csv = teacher.get("/class/" + code + "/predictions.csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        List<String> rows = csv.body().lines().toList();
        assertEquals("lesson,question,student,value,truth", rows.get(0));
        assertEquals(4, rows.size(), csv.body());
        for (int i = 0; i < 3; i++) {
            String student = students.get(i).cookie("gl_class_" + code);
            assertTrue(rows.contains("intro," + INTRO.name() + "," + student + "," + gradlab.lab.LabSpec.plain(guesses[i])
                    + "," + gradlab.lab.LabSpec.plain(INTRO.truth())), rows.toString());
        }
        assertEquals(1, JSON.readTree(teacher.get("/health").body()).get("classes").asInt(), "the class stays until it expires");
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void aPostFromAnotherSiteIsRefusedAndOneWithoutOriginOrRefererIsAccepted() throws Exception {
        Server server = server();
        ClassPerson teacher = new ClassPerson(server.port());
        String code = start(teacher, "intro");
        ClassPerson student = new ClassPerson(server.port());
        assertEquals(403, student.postWith("/join", List.of("Origin", "http://evil.example"), "code", code).statusCode());
        assertEquals(403, student.postWith("/join", List.of("Referer", "https://evil.example/page"), "code", code).statusCode());
        assertEquals(403, student.postWith("/join", List.of("Origin", "null"), "code", code).statusCode());
        assertEquals(403, teacher.postWith("/class/" + code + "/reveal", List.of("Origin", "http://evil.example:"
                + server.port()), "x", "y").statusCode(), "another host on the same port");
        assertEquals(403, teacher.postWith("/class", List.of("Origin", "http://evil.example"), "lessons", "intro").statusCode());
        // the Origin wins over the Referer
        assertEquals(403, teacher.postWith("/class/" + code + "/next", List.of("Origin", "http://evil.example",
                "Referer", teacher.base() + "/class/" + code + "/teach")).statusCode());
        assertEquals(303, student.postWith("/join", List.of(), "code", code).statusCode(), "neither header: accepted");
        assertEquals(303, student.postWith("/join", List.of("Referer", teacher.base() + "/join"), "code", code).statusCode());
        // the same host on another port is this site (a proxy may forward Host without the port)
        assertEquals(303, student.postWith("/join", List.of("Origin", "http://127.0.0.1:1"), "code", code).statusCode());
        assertTrue(teacher.get("/class/" + code + "/teach").body().contains("Predictions are open"),
                "the class was neither revealed nor moved on");
        awaitTrue(() -> server.answering() == 0, "refused requests are answered too", null);
        assertEquals(1, server.classes().size());
    }

    @Test
    void codesAreReadInEitherCase() throws Exception {
        Server server = server();
        String code = start(new ClassPerson(server.port()), "intro");
        ClassPerson student = new ClassPerson(server.port());
        HttpResponse<String> joined = student.post("/join", "code", code.toLowerCase(Locale.ROOT));
        assertEquals(303, joined.statusCode());
        assertEquals("/class/" + code, joined.headers().firstValue("Location").orElse(""));
        HttpResponse<String> lower = student.get("/class/" + code.toLowerCase(Locale.ROOT));
        assertEquals(303, lower.statusCode(), "a lower-case address goes to the class's own");
        assertEquals("/class/" + code, lower.headers().firstValue("Location").orElse(""));
        assertEquals(200, student.get("/class/" + code).statusCode());
        assertEquals(404, student.get("/class/" + code + "0").statusCode(), "no code has seven characters");
        assertEquals(404, student.get("/class/ABC0EF").statusCode(), "nor a 0");
    }

    @Test
    void manyWrongCodesMeet429ForThatClientWhileAnotherStillJoins() throws Exception {
        Server server = server();
        String code = start(new ClassPerson(server.port()), "intro");
        ClassPerson guesser = new ClassPerson(server.port());
        assertEquals(200, guesser.get("/join").statusCode(), "the guesser has its client cookie");
        String wrong = code.equals("ZZZZZZ") ? "YYYYYY" : "ZZZZZZ";
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = guesser.post("/join", "code", wrong);
            assertEquals(404, r.statusCode());
            assertTrue(r.body().contains("No class has the code"), r.body());
        }
        HttpResponse<String> blocked = guesser.post("/join", "code", wrong);
        assertEquals(429, blocked.statusCode());
        assertTrue(blocked.body().contains("Too many wrong codes"), blocked.body());
        assertTrue(Long.parseLong(blocked.headers().firstValue("Retry-After").orElse("0")) > 0);
        assertEquals(429, guesser.post("/join", "code", code).statusCode(), "even the right code: no telling which it is");

        ClassPerson other = new ClassPerson(server.port());
        assertEquals(200, other.get("/join").statusCode());
        assertEquals(303, other.post("/join", "code", code).statusCode(), "another client joins as before");
    }

    @Test
    void aPredictionOffTheSliderOrOfAnotherQuestionIs422NamingItsField() throws Exception {
        Server server = server();
        String code = start(new ClassPerson(server.port()), "intro");
        ClassPerson student = join(server, code);
        for (String bad : List.of("1e9", "-1", "180.5", "NaN", "Infinity", "abc", "", " 5", "0x10")) {
            HttpResponse<String> r = predict(student, code, bad);
            assertEquals(422, r.statusCode(), bad);
            assertTrue(r.body().startsWith("value for " + INTRO.name() + " must be a number from 0 to 180"),
                    bad + ": " + r.body());
        }
        HttpResponse<String> other = student.post("/class/" + code + "/predict", "question", "mean-input.cosine", "value", "0.5");
        assertEquals(422, other.statusCode());
        assertTrue(other.body().startsWith("question must be one of this lesson's questions, " + INTRO.name()),
                other.body());
        HttpResponse<String> odd = student.post("/class/" + code + "/predict", "guess", "5");
        assertEquals(422, odd.statusCode());
        assertTrue(odd.body().startsWith("unknown field \"guess\""), odd.body());
        assertEquals(204, student.post("/class/" + code + "/predict").statusCode(), "a commit of nothing records nothing");
        assertEquals(204, predict(student, code, "180").statusCode(), "the slider's end is on it");
        assertEquals(204, predict(student, code, "0").statusCode());

        // htmx gets the form back, with the message by it, to swap in place
        HttpResponse<String> swap = student.postWith("/class/" + code + "/predict", List.of("Origin", student.base(),
                "HX-Request", "true"), "question", INTRO.name(), "value", "999");
        assertEquals(422, swap.statusCode());
        assertTrue(swap.body().startsWith("<section") && swap.body().contains("must be a number from 0 to 180"),
                swap.body());
        HttpResponse<String> recorded = student.postWith("/class/" + code + "/predict", List.of("Origin", student.base(),
                "HX-Request", "true"), "question", INTRO.name(), "value", "42");
        assertEquals(200, recorded.statusCode());
        assertTrue(recorded.body().contains("Recorded: 42°"), recorded.body());

        ClassPerson stranger = new ClassPerson(server.port());
        assertEquals(403, predict(stranger, code, "10").statusCode(), "only a student of the class predicts");
        assertEquals(403, stranger.get("/class/" + code + "/events", "Accept", "text/event-stream").statusCode());
    }

    @Test
    void thePredictionOfALessonTheClassHasLeftIsRefused() throws Exception {
        Server server = server();
        ClassPerson teacher = new ClassPerson(server.port());
        String code = start(teacher, "intro,intro");
        ClassPerson student = join(server, code);
        assertEquals(204, teacher.post("/class/" + code + "/next").statusCode());
        HttpResponse<String> late = student.post("/class/" + code + "/predict?lesson=1", "question", INTRO.name(),
                "value", "40");
        assertEquals(409, late.statusCode(), late.body());
        assertEquals(204, student.post("/class/" + code + "/predict?lesson=2", "question", INTRO.name(), "value", "40")
                .statusCode());
    }

    @Test
    void theCapsRefuseCleanly() throws Exception {
        Server server = server(b -> {
            b.maxClasses = 4;
            b.studentsPerClass = 2;
        }, Clock.systemUTC());
        ClassPerson busy = new ClassPerson(server.port());
        assertEquals(200, busy.get("/class").statusCode());
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            codes.add(start(busy, "intro"));
        }
        HttpResponse<String> fourth = busy.post("/class", "lessons", "intro");
        assertEquals(429, fourth.statusCode());
        assertTrue(fourth.body().contains("You already have 3 live classes"), fourth.body());

        start(new ClassPerson(server.port()), "intro");
        HttpResponse<String> full = new ClassPerson(server.port()).post("/class", "lessons", "intro");
        assertEquals(503, full.statusCode());
        assertTrue(full.body().contains("This server holds 4 classes, as many as it may"), full.body());

        join(server, codes.get(0));
        join(server, codes.get(0));
        HttpResponse<String> third = new ClassPerson(server.port()).post("/join", "code", codes.get(0));
        assertEquals(409, third.statusCode());
        assertTrue(third.body().contains("This class is full: it has 2 students"), third.body());

        // an ended class no longer counts against its instructor's three
        assertEquals(204, busy.post("/class/" + codes.get(0) + "/next").statusCode());
        assertEquals(503, busy.post("/class", "lessons", "intro").statusCode(), "but still against the server's cap");
    }

    @Test
    void theLessonsFieldTakesCommasOrRepeatsAndNamesAnUnknownLesson() throws Exception {
        Server server = server();
        ClassPerson teacher = new ClassPerson(server.port());
        HttpResponse<String> form = teacher.get("/class");
        assertEquals(200, form.statusCode());
        assertTrue(form.body().indexOf("value=\"intro\"") < form.body().indexOf("value=\"f1-covariance\""),
                "lessons that ask for predictions come first");
        String repeated = teacher.post("/class", "lessons", "intro", "lessons", "f2-linear-regression")
                .headers().firstValue("Location").orElseThrow();
        assertTrue(teacher.get(repeated).body().contains("Lesson 1 of 2"), "two lessons from repeated fields");
        HttpResponse<String> unknown = teacher.post("/class", "lessons", "intro,no-such-lesson");
        assertEquals(422, unknown.statusCode());
        assertTrue(unknown.body().contains("lessons: there is no lesson &quot;no-such-lesson&quot;"), unknown.body());
        HttpResponse<String> none = teacher.post("/class", "lessons", " , ");
        assertEquals(422, none.statusCode());
        assertTrue(none.body().contains("pick at least one lesson"), none.body());
    }

    // ---------------------------------------------------------------- cookies, the projector

    @Test
    void theKeysCookieIsStrictHttpOnlyOfTheClassesPathAndSecureOnlyOverHttps() throws Exception {
        Server server = server();
        ClassPerson teacher = new ClassPerson(server.port());
        HttpResponse<String> plain = teacher.post("/class", "lessons", "intro");
        String code = code(plain);
        String cookie = setCookie(plain, "gl_key_" + code);
        assertTrue(cookie.contains("Path=/class/" + code), cookie);
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        assertFalse(cookie.contains("Secure"), cookie);

        HttpResponse<String> https = new ClassPerson(server.port()).postWith("/class", List.of("X-Forwarded-Proto", "https"),
                "lessons", "intro");
        assertTrue(setCookie(https, "gl_key_" + code(https)).contains("Secure"), "behind an HTTPS proxy");
        ClassPerson student = new ClassPerson(server.port());
        HttpResponse<String> joined = student.post("/join", "code", code);
        String theirs = setCookie(joined, "gl_class_" + code);
        assertTrue(theirs.contains("Path=/class/" + code) && theirs.contains("HttpOnly") && theirs.contains("SameSite=Strict"), theirs);
    }

    @Test
    void theProjectorsLinkIsShownOnceAndGivesAnotherScreenTheKey() throws Exception {
        Server server = server();
        ClassPerson teacher = new ClassPerson(server.port());
        String code = start(teacher, "intro");
        String first = teacher.get("/class/" + code + "/teach").body();
        Matcher link = Pattern.compile("/class/" + code + "/teach\\?key=([0-9a-f]{32})").matcher(first);
        assertTrue(link.find(), "the projector's link on the first view");
        assertFalse(teacher.get("/class/" + code + "/teach").body().contains("?key="), "and only then");

        ClassPerson projector = new ClassPerson(server.port());
        assertEquals(403, projector.get("/class/" + code + "/teach").statusCode());
        HttpResponse<String> opened = projector.get("/class/" + code + "/teach?key=" + link.group(1));
        assertEquals(303, opened.statusCode());
        assertEquals("/class/" + code + "/teach", opened.headers().firstValue("Location").orElse(""), "the key leaves the address");
        assertEquals(200, projector.get("/class/" + code + "/teach").statusCode());
        assertEquals(204, projector.post("/class/" + code + "/reveal").statusCode(), "the projector acts as the instructor");
    }

    // ---------------------------------------------------------------- phones sleep; classes expire

    @Test
    void aReconnectingStudentsStreamGetsTheCurrentStateFirst() throws Exception {
        Server server = server();
        ClassPerson teacher = new ClassPerson(server.port());
        String code = start(teacher, "intro,f2-linear-regression");
        ClassPerson student = join(server, code);
        assertEquals(204, predict(student, code, "33").statusCode());
        StreamLog before = listen(student, "/class/" + code + "/events");
        String first = await(before, "state", 1).get(0).data();
        assertTrue(first.contains("Your guess: 33°") && !first.contains("data-role=\"truth\""), "open, with the guess");
        assertTrue(first.contains("value=\"33\" aria-valuetext=\"33°\""), "the slider stands at the guess");
        before.close();

        // asleep while the instructor reveals
        assertEquals(204, teacher.post("/class/" + code + "/reveal").statusCode());
        StreamLog woke = listen(student, "/class/" + code + "/events");
        StreamLog.Event again = await(woke, "state", 1).get(0);
        assertEquals("state", again.name());
        assertTrue(again.data().contains("data-role=\"guess\">33°") && again.data().contains("data-role=\"truth\""),
                "revealed");
        woke.close();

        // and while it moves on
        assertEquals(204, teacher.post("/class/" + code + "/next").statusCode());
        StreamLog later = listen(student, "/class/" + code + "/events");
        StreamLog.Event now = await(later, "state", 1).get(0);
        assertTrue(now.data().contains(LESSONS.find("f2-linear-regression").orElseThrow().title())
                && now.data().contains("lesson 2 of 2"), "the next lesson");
        later.close();

        // and after the end: the closing word, ended, and the stream closes (the page stops reconnecting)
        assertEquals(204, teacher.post("/class/" + code + "/next").statusCode());
        StreamLog over = listen(student, "/class/" + code + "/events");
        over.awaitEnd(WAIT);
        assertEquals(List.of("state", "ended"), names(over));
        assertTrue(over.events().get(0).data().contains("The class is over"));
    }

    @Test
    void aClassIdleForLongerThanTheCapExpiresAndIsForgotten() throws Exception {
        TestClock clock = new TestClock();
        Server server = server(b -> b.classIdle = Duration.ofHours(2), clock);
        ClassPerson teacher = new ClassPerson(server.port());
        String code = start(teacher, "intro");
        ClassPerson student = join(server, code);
        assertEquals(204, predict(student, code, "12").statusCode());
        StreamLog events = listen(student, "/class/" + code + "/events");
        await(events, "state", 1);
        ClassPerson later = new ClassPerson(server.port());
        String other = start(later, "intro");

        clock.advance(Duration.ofMinutes(90));
        assertEquals(204, teacher.post("/class/" + code + "/reveal").statusCode(), "used again within two hours");
        clock.advance(Duration.ofMinutes(90));
        server.classes().expire();
        assertEquals(1, server.classes().size(), "the other class was idle three hours, this one 90 minutes");
        assertEquals(403, later.get("/class/" + other + "/teach").statusCode(), "its key opens nothing now");

        clock.advance(Duration.ofHours(3));
        server.classes().expire();
        JsonNode health = JSON.readTree(teacher.get("/health").body());
        assertEquals(0, health.get("classes").asInt());
        assertEquals(0, health.get("students").asInt());
        await(events, "ended", 1);
        events.awaitEnd(WAIT);
        assertTrue(last(events, "ended").contains("no longer keeps it"), "the student's page is told");
        awaitTrue(() -> server.openClassStreams() == 0, "every class stream closed", events);
        assertEquals(404, new ClassPerson(server.port()).post("/join", "code", code).statusCode(), "its code is no class's");
        assertEquals(403, teacher.get("/class/" + code + "/predictions.csv").statusCode(), "its predictions are gone");
        assertEquals(0, server.classes().students());
    }

    @Test
    void aHeadOfEachPageAnswersAsItsGet() throws Exception {
        Server server = server();
        ClassPerson teacher = new ClassPerson(server.port());
        String code = start(teacher, "intro");
        for (String path : List.of("/class", "/join", "/class/" + code + "/teach", "/class/" + code + "/predictions.csv",
                "/class/" + code + "/teach/events")) {
            HttpResponse<String> get = teacher.get(path);
            HttpResponse<Void> head = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create(teacher.base() + path)).method("HEAD",
                            java.net.http.HttpRequest.BodyPublishers.noBody())
                    .header("Cookie", teacher.cookieLine(path).substring("Cookie: ".length())).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertEquals(get.statusCode(), head.statusCode(), path);
        }
        assertEquals(0, server.openClassStreams(), "HEAD opens no stream");
    }

    // ---------------------------------------------------------------- helpers

    /** POST /class: the code the instructor is sent on with. */
    static String start(ClassPerson teacher, String lessons) throws Exception {
        // as a browser: the form first, which gives the client its cookie
        assertEquals(200, teacher.get("/class").statusCode());
        HttpResponse<String> r = teacher.post("/class", "lessons", lessons);
        assertEquals(303, r.statusCode(), r.body());
        return code(r);
    }

    private static String code(HttpResponse<String> started) {
        Matcher m = TEACH.matcher(started.headers().firstValue("Location").orElse(""));
        assertTrue(m.find(), "303 to the instructor's page: " + started.headers().map());
        return m.group(1);
    }

    private static String setCookie(HttpResponse<String> r, String name) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "=")).findFirst()
                .orElseThrow(() -> new AssertionError("no cookie " + name + ": " + r.headers().allValues("Set-Cookie")));
    }

    private static ClassPerson join(Server server, String code) throws Exception {
        ClassPerson s = new ClassPerson(server.port());
        HttpResponse<String> r = s.post("/join", "code", code);
        assertEquals(303, r.statusCode(), r.body());
        return s;
    }

    private static HttpResponse<String> predict(ClassPerson s, String code, String value) throws Exception {
        return s.post("/class/" + code + "/predict", "question", INTRO.name(), "value", value);
    }

    private StreamLog listen(ClassPerson p, String path) throws Exception {
        StreamLog log = p.listen(path);
        streams.add(log);
        assertEquals(200, log.status(), path);
        return log;
    }

    /** The events so far once at least {@code n} named so have come. */
    static List<StreamLog.Event> await(StreamLog log, String name, int n) throws InterruptedException {
        awaitTrue(() -> count(log, name) >= n, n + " " + name + " event(s)", log);
        return log.events();
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition, String what, StreamLog log)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + WAIT.toSeconds() + " s"
                        + (log == null ? "" : "; events: " + names(log)));
            }
            Thread.sleep(20);
        }
    }

    static long count(StreamLog log, String name) {
        return log.events().stream().filter(e -> e.name().equals(name)).count();
    }

    static List<String> names(StreamLog log) {
        return log.events().stream().map(StreamLog.Event::name).toList();
    }

    static List<String> names(List<StreamLog.Event> events) {
        return events.stream().map(StreamLog.Event::name).toList();
    }

    /** The data of the last event of that name. */
    static String last(StreamLog log, String name) {
        List<StreamLog.Event> named = log.events().stream().filter(e -> e.name().equals(name)).toList();
        return named.isEmpty() ? "" : named.get(named.size() - 1).data();
    }

    /** A board's bars as bin:count. */
    private static List<String> bins(String board) {
        Matcher m = Pattern.compile("data-bin=\"([0-9]+)\" data-count=\"([0-9]+)\"").matcher(board);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1) + ":" + m.group(2));
        }
        return out;
    }

    /** A clock a test moves on by hand. */
    static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-05T09:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** Values as the pages print them. */
    static final class QuantityText {
        static String of(Question q) {
            return gradlab.view.QuantityFormat.text(q.quantity(), q.truth());
        }

        static String of(Question q, double v) {
            return gradlab.view.QuantityFormat.text(q.quantity(), v);
        }
    }
}
