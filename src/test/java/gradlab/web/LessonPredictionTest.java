package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import gradlab.config.Settings;
import gradlab.lab.Lesson;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;
import gradlab.lab.Question;
import gradlab.view.LessonText;
import gradlab.view.Paths;
import gradlab.view.QuantityFormat;

/**
 * Predict, then see, over HTTP: a lesson's page holds neither the comparison's numbers nor the
 * text after its questions until the student commits a guess or skips; then the guess and the
 * true value stand side by side, with the rest of the lesson and its lab, as an htmx fragment or
 * (without JavaScript) a whole page. A guess the questions do not allow is 422 naming the field
 * and its range, never a 500.
 */
class LessonPredictionTest {
    private static final Lessons LESSONS = Lessons.load(true, null, Limits.DEFAULT, LessonText::html);
    /** What only the lab's comparison holds: its panel, its tables, its charts, its verdict, its form. */
    private static final List<String> COMPARISON_MARKS = List.of("data-chart=", "id=\"results\"", "id=\"metrics\"",
            "id=\"per-layer\"", "class=\"verdict", "id=\"lab-form\"", "data-spec=", "id=\"noise-meter\"",
            "data-role=\"truth\"", "/lab/landscape");
    private static Server server;

    @BeforeAll
    static void start() {
        server = Server.create(Settings.defaults().withPort(0).withRuns(1, 10), LESSONS).start(0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static RawHttp.Response get(String target, String... headers) throws Exception {
        return RawHttp.get(server.port(), target, headers);
    }

    /** The text a person reads in the page's main part (tags dropped, entities read). */
    private static String mainText(String html) {
        String main = html.substring(html.indexOf("<main"), html.indexOf("</main>"));
        return main.replaceAll("<[^>]*>", " ").replace("&#x27;", "'").replace("&quot;", "\"").replace("&amp;", "&");
    }

    /** A truth as the page prints it, found as a number of its own (not inside a longer one). */
    private static boolean printsNumber(String text, String formatted) {
        return Pattern.compile("(?<![0-9.,])" + Pattern.quote(formatted) + "(?![0-9])").matcher(text).find();
    }

    /** Guesses for every question of a lesson: the slider's lower end. */
    private static String guesses(Lesson l) {
        return l.questions().stream().map(q -> "question=" + URLEncoder.encode(q.name(), StandardCharsets.UTF_8)
                + "&value=" + gradlab.view.Format.plain(q.min())).collect(Collectors.joining("&"));
    }

    @Test
    void beforeACommitTheLessonHoldsNoNumberOfTheComparisonAndNoTextAfterItsQuestions() throws Exception {
        List<String> faults = new ArrayList<>();
        for (Lesson l : LESSONS.all()) {
            assertFalse(l.questions().isEmpty(), l.id() + " asks a question");
            RawHttp.Response r = get(Paths.lesson(l.id()));
            assertEquals(200, r.status(), l.id());
            String html = r.text();
            assertTrue(html.contains("<section id=\"prediction\""), l.id() + " asks");
            assertTrue(html.contains(l.html()), l.id() + " shows its text before the questions");
            for (String mark : COMPARISON_MARKS) {
                if (html.contains(mark)) {
                    faults.add(l.id() + " holds " + mark);
                }
            }
            // the ends of a slider (0°, 100 %) say its range, whatever the answer
            String text = mainText(html.replaceAll("<span class=\"slider-end\"[^>]*>[^<]*</span>", ""));
            for (Question q : l.questions()) {
                String truth = QuantityFormat.text(q.quantity(), q.truth());
                // a lone digit (F3's cosine 1, F4's relative error 0) is in any prose; the marks above cover those
                if (truth.length() > 1 && printsNumber(text, truth)) {
                    faults.add(l.id() + " prints " + q + " = " + truth);
                }
            }
            // no text after the questions: not its first words, not its sections, not its figures
            String after = mainText("<main>" + l.htmlAfter() + "</main>").strip();
            String firstWords = after.substring(0, Math.min(40, after.length()));
            for (String words : List.of(firstWords, "Try this", "What to look for")) {
                if (text.contains(words)) {
                    faults.add(l.id() + " shows \"" + words + "\" from after its questions");
                }
            }
        }
        assertTrue(faults.isEmpty(), String.join("\n", faults));
    }

    @Test
    void aCommitShowsTheGuessBesideTheTruthThenTheRestAsAFragmentOrAWholePage() throws Exception {
        for (Lesson l : LESSONS.all()) {
            String target = Paths.lessonAfter(l.id()) + "?" + guesses(l);
            RawHttp.Response fragment = get(target, "HX-Request: true");
            RawHttp.Response page = get(target);
            assertEquals(200, fragment.status(), target);
            assertEquals(200, page.status(), target);
            assertFalse(fragment.text().contains("<html"), "htmx gets only what replaces the questions");
            assertTrue(page.text().startsWith("<!DOCTYPE html>"), "a browser without htmx gets a page");
            assertTrue(page.text().contains(l.html()), "the page has the text before the questions too");
            assertFalse(fragment.text().contains(l.html()), "the fragment has not: it is already shown");
            for (RawHttp.Response r : List.of(fragment, page)) {
                String html = r.text();
                for (Question q : l.questions()) {
                    String guess = QuantityFormat.text(q.quantity(), q.min());
                    String truth = QuantityFormat.text(q.quantity(), q.truth());
                    assertTrue(html.contains("data-role=\"guess\">" + guess + "<"), l.id() + ": the guess " + guess);
                    assertTrue(html.contains("data-role=\"truth\">" + truth + "<"), l.id() + ": the truth " + truth);
                }
                // the rest of the text after the outcome: up to "What to look for", which stands beside the lab
                int look = l.htmlAfter().indexOf("<h2>What to look for</h2>");
                String rest = l.htmlAfter().substring(0, look);
                assertTrue(html.indexOf("data-role=\"truth\"") < html.indexOf(rest), l.id() + ": the rest of the text, after");
                assertTrue(html.contains(l.htmlAfter().substring(look)), l.id() + ": what to look for");
                assertTrue(html.contains("data-chart=\"cloud\"") && html.contains("id=\"lab-form\""), l.id() + ": the lab");
            }
            assertTrue(fragment.text().contains("id=\"prediction-status\" data-hx-swap-oob=\"innerHTML\">You guessed "),
                    "the live region hears it");
        }
    }

    @Test
    void aSkipShowsTheTruthWithoutAGuess() throws Exception {
        Lesson intro = LESSONS.find("intro").orElseThrow();
        Question q = intro.questions().get(0);
        for (String target : List.of(Paths.lessonAfter("intro"), Paths.lessonAfter("intro") + "?")) {
            RawHttp.Response r = get(target, "HX-Request: true");
            assertEquals(200, r.status());
            assertFalse(r.text().contains("data-role=\"guess\""), r.text());
            assertTrue(r.text().contains("data-role=\"truth\">" + QuantityFormat.text(q.quantity(), q.truth()) + "<"));
            assertTrue(r.text().contains("You skipped this one."));
        }
    }

    @Test
    void aGuessOffItsSliderOrAnUnknownQuestionIs422NamingTheFieldAndItsRange() throws Exception {
        String after = Paths.lessonAfter("intro");
        record Case(String query, String says) {
        }
        for (Case c : List.of(
                new Case("question=mean-error.angleDegrees&value=181", "value for mean-error.angleDegrees must be a number from 0 to 180"),
                new Case("question=mean-error.angleDegrees&value=-1", "value for mean-error.angleDegrees must be a number from 0 to 180"),
                new Case("question=mean-error.angleDegrees&value=NaN", "value for mean-error.angleDegrees must be a number from 0 to 180"),
                new Case("question=mean-error.angleDegrees&value=", "value for mean-error.angleDegrees must be a number from 0 to 180"),
                new Case("question=mean-input.cosine&value=0.5", "question must be one of this lesson&#x27;s questions, mean-error.angleDegrees"),
                new Case("question=%3Cscript%3E&value=1", "question must be one of this lesson&#x27;s questions"),
                new Case("question=mean-error.angleDegrees", "value for mean-error.angleDegrees is missing; give a number from 0 to 180"),
                new Case("n=3", "unknown field"))) {
            for (boolean htmx : List.of(true, false)) {
                RawHttp.Response r = htmx ? get(after + "?" + c.query(), "HX-Request: true") : get(after + "?" + c.query());
                assertEquals(422, r.status(), c.query());
                assertTrue(r.text().contains("id=\"prediction-error\" class=\"field-error\" role=\"alert\">" + c.says()),
                        c.query() + ": " + r.text().substring(0, Math.min(r.text().length(), 2000)));
                assertFalse(r.text().contains("<script>"), "escaped");
                for (String mark : COMPARISON_MARKS) {
                    assertFalse(r.text().contains(mark), c.query() + " shows " + mark);
                }
                if (htmx) {
                    assertEquals("false", r.header("HX-Push-Url"), "a refused guess gets no address of its own");
                    assertTrue(r.text().startsWith("<section id=\"prediction\""), "the questions again, in place");
                } else {
                    assertTrue(r.text().startsWith("<!DOCTYPE html>"));
                }
            }
        }
    }

    @Test
    void oddAddressesAreAnsweredInWordsNeverWithAServerError() throws Exception {
        for (String target : List.of("/lesson/nope/after", "/lesson/nope/after?question=x&value=1",
                "/lesson/intro/after?%zz", "/lesson/intro/after?question=%zz&value=1", "/lesson/intro/after?&&&",
                "/lesson/intro/after?question&value", "/lesson/intro/after?question=mean-error.angleDegrees&value=1e400",
                "/lesson/intro/after?question=mean-error.angleDegrees&value=45&question=mean-error.angleDegrees&value=46",
                "/lesson/intro/after?value=1&question=mean-error.angleDegrees",
                "/lesson/intro/after?question=mean-error.angleDegrees&value=" + "9".repeat(2000))) {
            RawHttp.Response r = get(target);
            assertTrue(r.status() < 500, target + ": " + r.status());
            assertTrue(r.status() == 200 || r.status() == 404 || r.status() == 422, target + ": " + r.status());
        }
        assertEquals(404, get("/lesson/nope/after").status());
        RawHttp.Response head = RawHttp.send(server.port(), RawHttp.request("HEAD",
                "/lesson/intro/after?question=mean-error.angleDegrees&value=45", List.of(), null), 30_000);
        assertEquals(200, head.status());
        assertEquals(0, head.body().length);
    }

    @Test
    void goingBackInHistoryToAnAnsweredLessonGetsTheWholePage() throws Exception {
        RawHttp.Response r = get(Paths.lessonAfter("intro") + "?question=mean-error.angleDegrees&value=45",
                "HX-Request: true", "HX-History-Restore-Request: true");
        assertEquals(200, r.status());
        assertTrue(r.text().startsWith("<!DOCTYPE html>"), "htmx restores a page from a whole one");
    }
}
