package gradlab.web;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import gradlab.config.Settings;
import gradlab.lab.Lesson;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;
import gradlab.view.LessonText;
import gradlab.view.Paths;
import gradlab.view.TrainingView;

/**
 * Every page, and every fragment htmx swaps into one, passes the Nu HTML checker without an
 * error: the gallery, the lab at varied settings and with a refused value, every lesson (before
 * its questions, after a guess or a skip, and with a refused guess), the
 * upload form and its preview, the comparison and landscape fragments, the training panel and
 * the events of its stream. Warnings are printed, not counted.
 */
class HtmlValidatorTest {
    private static final Lessons LESSONS = Lessons.load(true, null, Limits.DEFAULT, LessonText::html);
    private static final Duration RUN = Duration.ofSeconds(60);
    private static Server server;

    /** The default lab, classifications, a deep net, micro-batches, no naive copy, minibatches, a training step. */
    private static final List<String> LABS = List.of(
            "",
            "data=xor&hidden=8&loss=bce",
            "data=blobs3&hidden=16&loss=ce&act=relu",
            "data=sine&hidden=8,8,8,8&act=relu&batch=8",
            "data=sine&micro=4,12,16",
            "data=circles&hidden=4&loss=bce&naive=",
            "data=line&loss=huber&n=200&batch=16",
            "data=xor&n=32&seed=2&hidden=4&act=tanh&loss=bce&lr=0.5&steps=40&batch=8&micro=3,5&at=5");

    @BeforeAll
    static void start() {
        server = Server.create(Settings.defaults().withPort(0).withRuns(1, 10), LESSONS).start(0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void theCheckerFindsAFault() throws Exception {
        // the check can fail: an attribute htmx reads only in its data- form, a duplicate id
        HtmlChecker.Report r = HtmlChecker.checkFragment("<div hx-get=\"/lab\" id=\"a\"></div><p id=\"a\"></p>");
        assertEquals(2, r.errors().size(), r.describe("a faulty fragment"));
        assertTrue(HtmlChecker.checkFragment("<div data-hx-get=\"/lab\" id=\"a\"></div>").errors().isEmpty());
    }

    @Test
    void theGalleryLessonsAndUploadFormAreValid() throws Exception {
        List<String> faults = new ArrayList<>();
        page("/", faults);
        for (Lesson lesson : LESSONS.all()) {
            page(Paths.lesson(lesson.id()), faults);
        }
        page(Paths.UPLOAD, faults);
        assertTrue(faults.isEmpty(), String.join("\n", faults));
    }

    @Test
    void everyLessonOnceItsQuestionsAreAnsweredOrRefusedIsValid() throws Exception {
        List<String> faults = new ArrayList<>();
        for (Lesson lesson : LESSONS.all()) {
            String after = Paths.lessonAfter(lesson.id());
            String guesses = lesson.questions().stream().map(q -> "question=" + q.name() + "&value="
                    + gradlab.view.Format.plain(q.max())).collect(Collectors.joining("&"));
            // a commit and a skip, as a whole page (no htmx) and as what replaces the questions
            page(after + "?" + guesses, faults);
            page(after, faults);
            fragment(after + "?" + guesses, faults, "HX-Request: true");
            fragment(after, faults, "HX-Request: true");
        }
        // a refused guess: the questions again with the message, as a page and in place
        String bad = Paths.lessonAfter("intro") + "?question=mean-error.angleDegrees&value=200";
        RawHttp.Response page = RawHttp.get(server.port(), bad);
        assertEquals(422, page.status());
        check(bad, HtmlChecker.check(page.text()), faults);
        RawHttp.Response swap = RawHttp.get(server.port(), bad, "HX-Request: true");
        assertEquals(422, swap.status());
        check(bad + " (htmx)", HtmlChecker.checkFragment(swap.text()), faults);
        assertTrue(faults.isEmpty(), String.join("\n", faults));
    }

    @Test
    void theLabPageAndItsFragmentsAreValid() throws Exception {
        List<String> faults = new ArrayList<>();
        for (String query : LABS) {
            String target = Paths.withQuery(Paths.LAB, query);
            page(target, faults);
            labFragment(target, faults);
            fragment(Paths.withQuery(Paths.LAB_LANDSCAPE, query), faults, "HX-Request: true");
            fragment(Paths.withQuery(Paths.LAB_RUN, query), faults, "HX-Request: true");
        }
        assertTrue(faults.isEmpty(), String.join("\n", faults));
    }

    @Test
    void aRefusedValueShowsItsMessageInAValidPage() throws Exception {
        List<String> faults = new ArrayList<>();
        RawHttp.Response page = RawHttp.get(server.port(), "/lab?data=xor&hidden=8&loss=bce&lr=-1");
        assertEquals(422, page.status());
        assertTrue(page.text().contains("id=\"error-lr\""), "the message sits by its field");
        check("/lab?…&lr=-1", HtmlChecker.check(page.text()), faults);
        RawHttp.Response swap = RawHttp.get(server.port(), "/lab?lr=-1", "HX-Request: true");
        assertEquals(422, swap.status());
        check("/lab?lr=-1 (htmx)", HtmlChecker.checkFragment(swap.text()), faults);
        assertTrue(faults.isEmpty(), String.join("\n", faults));
    }

    @Test
    void anUploadsPreviewIsValid() throws Exception {
        String csv = "x,y\n" + IntStream.range(0, 20).mapToObj(i -> (i / 10.0) + "," + (2 * i / 10.0 + 1))
                .collect(Collectors.joining("\n"));
        String body = "--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"data.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--b--\r\n";
        RawHttp.Response preview = RawHttp.send(server.port(), RawHttp.request("POST", Paths.UPLOAD,
                List.of("Content-Type: multipart/form-data; boundary=b"), body.getBytes(UTF_8)), 30_000);
        assertEquals(200, preview.status(), preview.text());
        Matcher id = Pattern.compile("u-[0-9a-f]{12}").matcher(preview.text());
        assertTrue(id.find(), "the preview names its data set");

        List<String> faults = new ArrayList<>();
        check("POST /upload", HtmlChecker.check(preview.text()), faults);
        page("/lab?data=" + id.group(), faults);
        assertTrue(faults.isEmpty(), String.join("\n", faults));
    }

    @Test
    void everyEventOfATrainingStreamIsAValidFragment() throws Exception {
        List<String> faults = new ArrayList<>();
        try (StreamLog stream = StreamLog.events(server.port(), "data=xor&hidden=8&loss=bce&steps=60")) {
            stream.awaitEnd(RUN);
            List<StreamLog.Event> events = stream.events();
            assertFalse(events.isEmpty(), "the stream sent events");
            assertEquals("done", events.get(events.size() - 1).name(), "the stream ends with done");
            for (StreamLog.Event e : events) {
                if (e.name().equals(TrainingView.Event.ROW.id())) {
                    // rows are swapped into the table's body
                    check("event " + e.name(), HtmlChecker.checkRows(e.data()), faults);
                } else if (!e.data().isBlank()) {
                    check("event " + e.name(), HtmlChecker.checkFragment(e.data()), faults);
                }
            }
            assertTrue(events.stream().anyMatch(e -> e.name().equals("summary")), "a summary came");
        }
        assertTrue(faults.isEmpty(), String.join("\n", faults));
    }

    @Test
    void aClassesPagesEventsAndFragmentsAreValid() throws Exception {
        List<String> faults = new ArrayList<>();
        page(Paths.CLASS, faults);
        page(Paths.JOIN, faults);
        ClassPerson teacher = new ClassPerson(server.port());
        checkPage("POST /class (an unknown lesson)", teacher.post(Paths.CLASS, "lessons", "intro,nope"), 422, faults);
        String code = ClassFlowTest.start(teacher, "intro,f6-level-sets");
        checkPage("the instructor's page, first view", teacher.get("/class/" + code + "/teach"), 200, faults);
        ClassPerson student = new ClassPerson(server.port());
        checkPage("POST /join (an unknown code)", student.post(Paths.JOIN, "code", "ZZZZZ2".equals(code) ? "ZZZZZ3" : "ZZZZZ2"),
                404, faults);
        checkPage("the join form with the code", student.get("/class/" + code), 200, faults);
        student.post(Paths.JOIN, "code", code);
        checkPage("a student's page, open", student.get("/class/" + code), 200, faults);
        java.net.http.HttpResponse<String> recorded = student.postWith("/class/" + code + "/predict",
                List.of("Origin", student.base(), "HX-Request", "true"), "question", "mean-error.angleDegrees", "value", "30");
        check("the recorded prediction (htmx)", HtmlChecker.checkFragment(recorded.body()), faults);
        java.net.http.HttpResponse<String> refused = student.postWith("/class/" + code + "/predict",
                List.of("Origin", student.base(), "HX-Request", "true"), "question", "mean-error.angleDegrees", "value", "300");
        check("the refused prediction (htmx)", HtmlChecker.checkFragment(refused.body()), faults);

        StreamLog board = student.listen("/class/" + code + "/events");
        StreamLog teach = teacher.listen("/class/" + code + "/teach/events");
        try (board; teach) {
            // both streams hold the class as it is before the instructor acts, so each act is one event more
            ClassFlowTest.await(board, "state", 1);
            ClassFlowTest.await(teach, "predictions", 1);
            teacher.post("/class/" + code + "/reveal");
            checkPage("a student's page, revealed", student.get("/class/" + code), 200, faults);
            teacher.post("/class/" + code + "/next");
            checkPage("a student's page, the next lesson", student.get("/class/" + code), 200, faults);
            checkPage("the instructor's page, the next lesson", teacher.get("/class/" + code + "/teach"), 200, faults);
            teacher.post("/class/" + code + "/next");
            checkPage("a student's page, the end", student.get("/class/" + code), 200, faults);
            board.awaitEnd(ClassFlowTest.WAIT);
            ClassFlowTest.await(teach, "predictions", 4);
            for (StreamLog.Event e : board.events()) {
                check("a student's event " + e.name(), HtmlChecker.checkFragment(e.data()), faults);
            }
            for (StreamLog.Event e : teach.events()) {
                check("an instructor's event " + e.name(), HtmlChecker.checkFragment(e.data()), faults);
            }
            assertEquals(List.of("state", "reveal", "next", "next", "ended"), ClassFlowTest.names(board));
        }
        assertTrue(faults.isEmpty(), String.join("\n", faults));
    }

    private static void checkPage(String what, java.net.http.HttpResponse<String> r, int status, List<String> faults)
            throws Exception {
        assertEquals(status, r.statusCode(), what);
        check(what, HtmlChecker.check(r.body()), faults);
    }

    private static void page(String target, List<String> faults) throws Exception {
        RawHttp.Response r = RawHttp.get(server.port(), target);
        assertEquals(200, r.status(), target);
        check(target, HtmlChecker.check(r.text()), faults);
    }

    private static void fragment(String target, List<String> faults, String... headers) throws Exception {
        RawHttp.Response r = RawHttp.get(server.port(), target, headers);
        assertEquals(200, r.status(), target);
        check(target + " (fragment)", HtmlChecker.checkFragment(r.text()), faults);
    }

    /** The lab's new comparison, checked in its place: after the lab's form. */
    private static void labFragment(String target, List<String> faults) throws Exception {
        RawHttp.Response r = RawHttp.get(server.port(), target, "HX-Request: true");
        assertEquals(200, r.status(), target);
        check(target + " (fragment)", HtmlChecker.checkLabFragment(r.text()), faults);
    }

    private static void check(String what, HtmlChecker.Report report, List<String> faults) {
        System.out.printf("HtmlValidatorTest: %3d errors %3d warnings  %s%n", report.errors().size(),
                report.warnings().size(), what);
        // the same advice at many places is printed once
        report.warnings().stream().map(w -> w.replaceFirst("^[0-9]+:[0-9]+ ", "")).distinct()
                .forEach(w -> System.out.println("  warning: " + w));
        if (!report.errors().isEmpty()) {
            faults.add(report.describe(what));
        }
    }
}
