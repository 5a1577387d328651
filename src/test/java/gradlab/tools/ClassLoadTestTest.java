package gradlab.tools;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import gradlab.config.Settings;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;
import gradlab.view.LessonText;
import gradlab.web.Server;

/**
 * classtest runs a whole class against a server: every student joins, predicts and gets
 * Reveal, Next and the class's end; its JSON has every figure (no test asserts a time). Bad
 * flags are refused before a request is sent.
 */
class ClassLoadTestTest {
    private static final int STUDENTS = 5;

    @Test
    void aSmallClassGetsEveryEventAndReportsEveryFigure() throws Exception {
        Lessons lessons = Lessons.load(true, null, Limits.DEFAULT, LessonText::html);
        Server server = Server.create(Settings.defaults().with(s -> {
            s.host = "127.0.0.1";
            s.port = 0;
        }), lessons).start(0);
        try {
            Output r = run("--students", Integer.toString(STUDENTS), "--url", "http://127.0.0.1:" + server.port());
            assertEquals(0, r.code().status(), r.err() + r.out());
            List<String> lines = r.out().lines().toList();
            assertEquals(1, lines.size(), "one JSON object: " + r.out());
            JsonNode o = new ObjectMapper().readTree(lines.get(0));

            assertEquals(STUDENTS, o.get("students").asInt());
            assertEquals(String.join(",", ClassLoadTest.LESSONS), o.get("lessons").asText());
            for (String count : List.of("joined", "predicted", "csvRows")) {
                assertEquals(STUDENTS, o.get(count).asInt(), count + " in " + o);
            }
            for (String none : List.of("missedEvents", "lostStreams")) {
                assertEquals(0, o.get(none).asInt(), none + " in " + o);
            }
            for (String figure : List.of("joinMillis", "predictMillis", "revealMillis", "nextMillis", "endedMillis")) {
                for (String p : List.of("p50", "p95", "max")) {
                    JsonNode v = o.get(figure).get(p);
                    assertTrue(v.isIntegralNumber() && v.asLong() >= 0, figure + "." + p + " in " + o);
                }
            }
            for (String event : ClassLoadTest.EVENTS) {
                long within = o.get(event + "WithinOneSecond").asLong();
                assertTrue(within >= 0 && within <= STUDENTS, event + " in " + o);
            }
            assertTrue(o.get("predictionsShownMillis").isIntegralNumber(), o.toString());
            assertTrue(o.get("heapPeakBytes").asLong() > 0, o.toString());
            assertTrue(o.get("seconds").isNumber(), o.toString());
            assertTrue(!o.has("firstError"), o.toString());
        } finally {
            server.stop();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--students 0|--students must be a whole number from 1 to 1000; got \"0\"",
            "--students 1001|--students must be a whole number from 1 to 1000; got \"1001\"",
            "--students|--students needs a value",
            "--url http://example.org|--url must be an http address on this machine",
            "--frob|unknown argument \"--frob\"; classtest takes --students N and --url URL"})
    void badFlagsAreRefused(String args, String message) {
        Output r = run(args.split(" "));
        assertEquals(2, r.code().status());
        assertEquals("", r.out());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("gradlab: " + message), r.err());
    }

    private record Output(ExitCode code, String out, String err) {
    }

    private static Output run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExitCode code = new ClassLoadTest(new PrintStream(out, true, UTF_8), new PrintStream(err, true, UTF_8))
                .run(List.of(args));
        return new Output(code, out.toString(UTF_8), err.toString(UTF_8));
    }
}
