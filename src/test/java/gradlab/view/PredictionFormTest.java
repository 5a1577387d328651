package gradlab.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import gradlab.lab.Lesson;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;
import gradlab.lab.Question;

/**
 * The questions as sliders (each labelled with the question in words, its range and step fitting
 * its metric, a readout), sent as question/value pairs in the lesson's order; and the outcome,
 * each guess beside the true value as the page formats that metric.
 */
class PredictionFormTest {
    @TempDir
    static Path folder;

    private static Lesson three;
    private static Lesson none;

    @BeforeAll
    static void load() throws IOException {
        Files.writeString(folder.resolve("three.md"), """
                ---
                id: three
                title: Three questions
                summary: predict three times
                data: sine
                hidden: 8
                loss: mse
                predict: mean-error.angleDegrees, mean-input.cosine, mean-error.sameSign
                ---

                Text $J$.
                """);
        Files.writeString(folder.resolve("none.md"), "---\nid: none\ntitle: None\nsummary: no question\n---\n\nText.\n");
        Lessons lessons = Lessons.load(false, folder, Limits.DEFAULT, LessonText::html);
        assertEquals(List.of(), lessons.problems());
        three = lessons.find("three").orElseThrow();
        none = lessons.find("none").orElseThrow();
    }

    private static String form(PredictionForm.Method method) {
        return Html.render(PredictionForm.form(three, "/lesson/three/after", method));
    }

    private static List<String> all(String html, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    @Test
    void eachQuestionIsALabelledSliderSentAsAQuestionValuePairInTheLessonsOrder() {
        String html = form(PredictionForm.Method.GET);
        // the fields, in document order: question, value, question, value…
        assertEquals(List.of("question", "value", "question", "value", "question", "value"),
                all(html, "<input [^>]*name=\"(question|value)\""));
        assertEquals(List.of("mean-error.angleDegrees", "mean-input.cosine", "mean-error.sameSign"),
                all(html, "name=\"question\" value=\"([^\"]*)\""));
        assertEquals(List.of("guess-1", "guess-2", "guess-3"), all(html, "type=\"range\" id=\"([^\"]*)\""));
        assertEquals(List.of("guess-1", "guess-2", "guess-3"), all(html, "<label for=\"([^\"]*)\""));
        assertEquals(List.of("guess-1", "guess-2", "guess-3"), all(html, "<output for=\"([^\"]*)\""));
        for (Question q : three.questions()) {
            assertTrue(html.contains(">" + Html.escape(q.words()) + "</label>"), "the label holds the question: " + q);
        }
        // range and step as the metric's: degrees by 1, the others by 0.01
        assertTrue(html.contains("id=\"guess-1\" name=\"value\" min=\"0\" max=\"180\" step=\"1\" value=\"90\""), html);
        assertTrue(html.contains("id=\"guess-2\" name=\"value\" min=\"-1\" max=\"1\" step=\"0.01\" value=\"0\""), html);
        assertTrue(html.contains("id=\"guess-3\" name=\"value\" min=\"0\" max=\"1\" step=\"0.01\" value=\"0.5\""), html);
        // the readouts as the page writes each metric
        assertEquals(List.of("90°", "0", "50 %"), all(html, "<output [^>]*>([^<]*)</output>"));
        assertEquals(List.of("90°", "0", "50 %"), all(html, "aria-valuetext=\"([^\"]*)\""));
        assertTrue(html.contains(">Commit my guesses</button>") && html.contains(">Skip</button>"), html);
    }

    @Test
    void getSendsToTheAddressAndTheAnswerReplacesTheSectionPostOnlyRecords() {
        String get = form(PredictionForm.Method.GET);
        assertTrue(get.startsWith("<section id=\"prediction\""), get);
        assertTrue(get.contains("action=\"/lesson/three/after#prediction\" method=\"get\" data-hx-get=\"/lesson/three/after\" "
                + "data-hx-target=\"#prediction\" data-hx-swap=\"outerHTML\" data-hx-push-url=\"true\""), get);
        // Skip: a form of its own, without fields, sent by a button that sits beside Commit
        assertTrue(get.contains("<button type=\"submit\" form=\"prediction-skip\">Skip</button>"), get);
        assertTrue(get.contains("<form id=\"prediction-skip\" action=\"/lesson/three/after#prediction\" method=\"get\""), get);
        String post = form(PredictionForm.Method.POST);
        assertTrue(post.contains("method=\"post\" data-hx-post=\"/lesson/three/after\""), post);
        assertTrue(post.contains("data-hx-push-url=\"false\""), post);
        assertFalse(post.contains("data-hx-get"), post);
    }

    @Test
    void theFormHoldsNoTrueValue() {
        // the ends of a slider (0 %, 100 %) say its range, not an answer
        String html = form(PredictionForm.Method.GET).replaceAll("<span class=\"slider-end\"[^>]*>[^<]*</span>", "");
        assertFalse(html.contains("data-role=\"truth\""));
        for (Question q : three.questions()) {
            String truth = QuantityFormat.text(q.quantity(), q.truth());
            assertFalse(html.contains(">" + truth + "<") || html.contains("\"" + truth + "\""), q + ": " + truth);
        }
        assertThrows(IllegalArgumentException.class, () -> PredictionForm.form(none, "/x", PredictionForm.Method.GET));
    }

    @Test
    void aRefusedFormSaysWhyBesideTheSliders() {
        String html = Html.render(PredictionForm.form(three, "/lesson/three/after", PredictionForm.Method.GET,
                "value for mean-input.cosine must be a number from -1 to 1; got \"2\""));
        assertTrue(html.contains("<p id=\"prediction-error\" class=\"field-error\" role=\"alert\">value for "
                + "mean-input.cosine must be a number from -1 to 1; got &quot;2&quot;</p>"), html);
        assertEquals(3, all(html, "(aria-invalid=\"true\")").size());
        assertEquals(3, all(html, "(aria-describedby=\"prediction-error\")").size());
    }

    @Test
    void theOutcomeSetsEachGuessBesideTheTrueValueAsThePageFormatsIt() {
        Map<Question, Double> guesses = new LinkedHashMap<>();
        Question angle = three.questions().get(0);
        Question cosine = three.questions().get(1);
        Question share = three.questions().get(2);
        guesses.put(angle, 120.0);
        guesses.put(cosine, cosine.truth());
        guesses.put(share, 0.3);
        String html = Html.render(PredictionForm.outcome(three, guesses));
        assertTrue(html.startsWith("<section id=\"prediction\""), "it takes the form's place: " + html);
        assertTrue(html.contains("<h2 id=\"prediction-result\" tabindex=\"-1\""), "a heading to take the focus");
        assertEquals(List.of("120°", QuantityFormat.text(cosine.quantity(), cosine.truth()), "30 %"),
                all(html, "data-role=\"guess\">([^<]*)<"));
        List<String> truths = three.questions().stream().map(q -> QuantityFormat.text(q.quantity(), q.truth())).toList();
        assertEquals(truths, all(html, "data-role=\"truth\">([^<]*)<"));
        String off = Format.degrees(120 - angle.truth());
        assertTrue(html.contains("Your guess was " + off + " too high."), html);
        assertTrue(html.contains("Right on it"), html);
        assertTrue(html.contains(Format.num(100 * (share.truth() - 0.3)) + " percentage points too low."), html);

        // a skip: the truth without a guess
        String skipped = Html.render(PredictionForm.outcome(three, Map.of()));
        assertEquals(List.of(), all(skipped, "data-role=\"guess\">([^<]*)<"));
        assertEquals(truths, all(skipped, "data-role=\"truth\">([^<]*)<"));
        assertTrue(skipped.contains("You skipped this one."), skipped);
    }

    @Test
    void howFarSaysCloseWithinATwentiethOfTheSlider() {
        Question angle = three.questions().get(0);
        assertTrue(PredictionForm.howFar(angle, angle.truth() + 0.4).startsWith("Right on it"));
        assertTrue(PredictionForm.howFar(angle, angle.truth() - 5).startsWith("Close: your guess was 5.0° too low."),
                PredictionForm.howFar(angle, angle.truth() - 5));
        assertTrue(PredictionForm.howFar(angle, angle.truth() + 30).startsWith("Your guess was 30° too high."),
                PredictionForm.howFar(angle, angle.truth() + 30));
    }

    @Test
    void theGalleryDoesNotShowTheNumbersOfALessonThatAsks() {
        String gallery = GalleryPage.page(List.of(new GalleryPage.Card(three, three.comparison()),
                new GalleryPage.Card(none, none.comparison())));
        int asking = gallery.indexOf("href=\"/lesson/three\"");
        int other = gallery.indexOf("href=\"/lesson/none\"");
        assertTrue(asking >= 0 && other > asking, gallery);
        String askingCard = gallery.substring(asking, other);
        assertFalse(askingCard.contains("data-chart=\"preview\""), askingCard);
        assertTrue(askingCard.contains("Predict first"), askingCard);
        assertTrue(gallery.substring(other).contains("data-chart=\"preview\""), "a lesson that asks nothing keeps its picture");
    }

    @Test
    void theAnnouncementSaysTheSameInWordsOutOfBand() {
        Question angle = three.questions().get(0);
        String html = Html.render(PredictionForm.announcement(three, Map.of(angle, 120.0)));
        assertTrue(html.startsWith("<p id=\"prediction-status\" data-hx-swap-oob=\"innerHTML\">You guessed 120°; "
                + "the lab&#x27;s value is " + QuantityFormat.text(angle.quantity(), angle.truth()) + "."), html);
        assertTrue(Html.render(PredictionForm.status()).contains("role=\"status\""));
    }
}
