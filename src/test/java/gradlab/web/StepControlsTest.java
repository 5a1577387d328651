package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;

import gradlab.config.Settings;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;
import gradlab.lab.LabSpec;
import gradlab.lab.Uploads;
import gradlab.view.LessonText;

/** The lab at a training step: the links that move the step, and the fields that keep it. */
class StepControlsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Lessons LESSONS = Lessons.load(true, null, Limits.DEFAULT, LessonText::html);
    static final String LAB = "data=xor&n=32&seed=2&hidden=4&act=tanh&loss=bce&lr=0.5&steps=40&batch=8";

    private void test(io.javalin.testtools.TestCase body) {
        Server server = Server.create(Settings.defaults().withPort(0).withRuns(2, 10), LESSONS);
        JavalinTest.test(server.javalin(), body);
    }

    /** The href of the link with this id, or null when there is none. */
    private static String href(String html, String id) {
        Matcher m = Pattern.compile("<a href=\"([^\"]*)\" id=\"" + id + "\"").matcher(html);
        return m.find() ? m.group(1).replace("&amp;", "&") : null;
    }

    /** The at of a link to the lab, and that it keeps every other setting of {@code from}. */
    private static int at(String link, String from) {
        assertNotNull(link);
        assertTrue(link.startsWith("/lab?"), link);
        LabSpec to = LabSpec.parse(link.substring("/lab?".length()), Limits.DEFAULT, Uploads.NONE);
        LabSpec base = LabSpec.parse(from, Limits.DEFAULT, Uploads.NONE);
        assertEquals(base.atStep(to.at(), base.along()), to, "every other setting kept in " + link);
        return to.at();
    }

    @Test
    void atStepFiveTheLinksLeadToZeroFourSixFifteenAndTheLastKeepingAlong() {
        test((s, client) -> {
            String query = LAB + "&along=mean-error&at=5";
            Response r = client.get("/lab?" + query);
            assertEquals(200, r.code());
            String html = r.body().string();
            assertEquals(0, at(href(html, "step-back-10"), query));
            assertEquals(4, at(href(html, "step-back-1"), query));
            assertEquals(6, at(href(html, "step-forward-1"), query));
            assertEquals(15, at(href(html, "step-forward-10"), query));
            assertEquals(40, at(href(html, "step-last"), query));
            assertTrue(href(html, "step-forward-1").contains("along=mean-error"), "the copy is kept");
            // htmx asks for the same address and pushes it, so that Back follows the step
            assertTrue(html.contains("data-hx-get=\"" + href(html, "step-forward-1").replace("&", "&amp;") + "\""));
            assertTrue(html.contains("aria-label=\"step back 10 (to step 0)\""), "an accessible name");
            assertTrue(html.contains("The gradient at step 5 of the mean-error copy"));
        });
    }

    @Test
    void theLinksAreClampedToZeroAndStepsAndAbsentWhereTheyWouldNotMove() {
        test((s, client) -> {
            String html = client.get("/lab?" + LAB).body().string();
            assertNull(href(html, "step-back-10"));
            assertNull(href(html, "step-back-1"));
            assertEquals(1, at(href(html, "step-forward-1"), LAB));
            String near = LAB + "&at=35";
            String end = client.get("/lab?" + near).body().string();
            assertEquals(25, at(href(end, "step-back-10"), near));
            assertEquals(40, at(href(end, "step-forward-10"), near));
            String last = client.get("/lab?" + LAB + "&at=40").body().string();
            assertNull(href(last, "step-forward-1"));
            assertNull(href(last, "step-last"));
            assertEquals(39, at(href(last, "step-back-1"), LAB + "&at=40"));
        });
    }

    @Test
    void theFormCarriesTheStepAndTheCopy() {
        test((s, client) -> {
            String html = client.get("/lab?" + LAB + "&naive=mean-input&at=7&along=mean-input").body().string();
            assertTrue(Pattern.compile("<input type=\"number\" name=\"at\" id=\"f-at\" value=\"7\"[^>]*form=\"lab-form\"")
                    .matcher(html).find(), "the step is a field of the form");
            Matcher along = Pattern.compile("<select name=\"along\" id=\"f-along\" form=\"lab-form\"[^>]*>(.*?)</select>")
                    .matcher(html);
            assertTrue(along.find(), "the copy is a field of the form");
            assertTrue(along.group(1).contains("<option value=\"mean-input\" selected=\"selected\">"), along.group(1));
            assertTrue(along.group(1).contains("value=\"per-example\""));
            assertFalse(along.group(1).contains("value=\"mean-error\""), "only the copies trained");
        });
    }

    @Test
    void thePagesOwnFieldsNameTheirDefaultsSoThatARequestLeavesThemOut() {
        test((s, client) -> {
            String html = client.get("/lab?" + LAB + "&at=5&along=mean-input").body().string();
            for (String[] field : new String[][] {{"f-at", "0"}, {"f-along", "per-example"}, {"f-plane", "naive"}}) {
                Matcher m = Pattern.compile("<(input|select) [^>]*id=\"" + field[0] + "\"[^>]*>").matcher(html);
                assertTrue(m.find(), field[0]);
                assertTrue(m.group().contains("data-default=\"" + field[1] + "\""), m.group());
            }
        });
    }

    @Test
    void aStepRefusedByNewSettingsShowsItsMessageNextToTheStep() {
        test((s, client) -> {
            String bad = "data=sine&n=32&hidden=8&lr=1000&steps=500&along=mean-input&at=500";
            Response r = client.get("/lab?" + bad, req -> req.header("HX-Request", "true"));
            assertEquals(422, r.code());
            String body = r.body().string();
            assertTrue(Pattern.compile("<p id=\"error-at\"[^>]*>[^<]*diverged at step").matcher(body).find(), body);
        });
    }

    /** The message under the step controls for a parameter ("" when none). */
    private static String message(String html, String param) {
        Matcher m = Pattern.compile("<p id=\"error-" + param + "\"[^>]*>([^<]*)</p>").matcher(html);
        assertTrue(m.find(), "a place for the message on " + param);
        return m.group(1).replace("&quot;", "\"");
    }

    @Test
    void aPageRefusedForItsStepShowsTheNearestStepWithItsControlsAndTheMessageAtTheStepField() {
        test((s, client) -> {
            // beyond the cap on steps: θ0, from where every control leads on
            String far = LAB + "&at=100000000";
            Response r = client.get("/lab?" + far);
            assertEquals(422, r.code(), "still a refusal");
            String html = r.body().string();
            assertTrue(html.contains("<h2>The gradient at θ0</h2>"), "the comparison nearest it");
            assertTrue(Pattern.compile("<input type=\"number\" name=\"at\" id=\"f-at\" value=\"100000000\"[^>]*aria-invalid=\"true\"")
                    .matcher(html).find(), "what was typed stays in the step field, marked");
            assertTrue(message(html, "at").startsWith("at must be a whole number from 0 to 5000; got \"100000000\"."),
                    message(html, "at"));
            assertTrue(message(html, "at").endsWith("Shown here instead: θ0."), message(html, "at"));
            assertEquals(1, at(href(html, "step-forward-1"), LAB));
            assertEquals(40, at(href(html, "step-last"), LAB));

            // past a divergence: the step before it, on the same copy
            String lab = "data=sine&n=32&hidden=8&lr=1000&steps=500&along=mean-input";
            r = client.get("/lab?" + lab + "&at=500");
            assertEquals(422, r.code());
            html = r.body().string();
            assertTrue(html.contains("<h2>The gradient at step 1 of the mean-input copy</h2>"), "the last step it reached");
            assertTrue(message(html, "at").contains("mean-input diverged at step 2"), message(html, "at"));
            assertTrue(message(html, "at").endsWith("Shown here instead: step 1 of the mean-input copy."));
            assertEquals(0, at(href(html, "step-back-1"), lab + "&at=1"));
            assertEquals("", message(html, "along"));

            // a copy this lab does not train: the correct one, at the same step
            r = client.get("/lab?" + LAB + "&at=3&along=batched");
            assertEquals(422, r.code());
            html = r.body().string();
            assertTrue(html.contains("<h2>The gradient at step 3 of the per-example copy</h2>"), html);
            assertTrue(message(html, "along").startsWith("along must be a copy that this lab trains"));
            assertTrue(Pattern.compile("<select name=\"along\" id=\"f-along\"[^>]*aria-invalid=\"true\"").matcher(html).find());
            assertEquals("", message(html, "at"));

            // another field's refusal is the page without a comparison, as before
            html = client.get("/lab?" + LAB + "&n=0&at=3").body().string();
            assertFalse(html.contains("id=\"step-controls\""));
        });
    }

    @Test
    void aStepRefusedInTheFragmentKeepsTheLastGoodResultWithItsControls() {
        test((s, client) -> {
            Response r = client.get("/lab?" + LAB + "&at=100000000", req -> req.header("HX-Request", "true"));
            assertEquals(422, r.code());
            assertEquals("none", r.headers().get("HX-Reswap").get(0), "the last good result, controls and all, stays");
            assertEquals("false", r.headers().get("HX-Push-Url").get(0), "the address stays at the last good result");
            String body = r.body().string();
            assertTrue(message(body, "at").startsWith("at must be a whole number from 0 to 5000"), body);
            assertTrue(body.contains("data-hx-swap-oob"), "the message goes next to the step field");
        });
    }

    /** θ of /api/compare as one flat list, in θ's order: each parameter's values row by row. */
    static double[] theta(JsonNode compare) {
        List<Double> flat = new ArrayList<>();
        for (JsonNode p : compare.get("parameters")) {
            for (JsonNode row : p.get("values")) {
                row.forEach(v -> flat.add(v.asDouble()));
            }
        }
        return flat.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The index of the chosen option of a select named {@code name}. */
    static int chosen(String html, String name) {
        Matcher m = Pattern.compile("<select name=\"" + name + "\">.*?<option value=\"(\\d+)\" selected").matcher(html);
        assertTrue(m.find(), name);
        return Integer.parseInt(m.group(1));
    }

    @Test
    void theLandscapeAtStepFiveDrawsEveryCopysPathEndingAtItsThetaFive() {
        test((s, client) -> {
            for (String axes : List.of("", "&px=3&py=9")) {
                String query = LAB + "&micro=3,5&at=5" + axes;
                Response r = client.get("/lab/landscape?" + query);
                assertEquals(200, r.code());
                String html = r.body().string();
                int px = chosen(html, "px");
                int py = chosen(html, "py");
                if (!axes.isEmpty()) {
                    assertEquals(3, px);
                    assertEquals(9, py);
                }
                Matcher path = Pattern.compile("<path [^>]*data-role=\"path\" data-proc=\"([a-z-]+)\" data-end=\"([^ ]+) ([^\"]+)\"")
                        .matcher(html.substring(html.indexOf("data-chart=\"landscape\"")));
                List<String> copies = new ArrayList<>();
                while (path.find()) {
                    String copy = path.group(1);
                    copies.add(copy);
                    double[] theta = theta(JSON.readTree(client.get("/api/compare?" + LAB + "&micro=3,5&at=5&along=" + copy)
                            .body().string()));
                    assertEquals(theta[px], Double.parseDouble(path.group(2)), 1e-9, copy + " ends at θ5's " + px);
                    assertEquals(theta[py], Double.parseDouble(path.group(3)), 1e-9, copy + " ends at θ5's " + py);
                }
                assertEquals(List.of("per-example", "mean-input", "mean-error", "mean-of-means"), copies, "one path per copy");
                assertTrue(html.contains("The contours are the slice through θ5"), "the caption says what is drawn");
                assertTrue(html.contains("path θ0 to θ5 (projected)"), "the legend names the paths");
            }
        });
    }

    @Test
    void theDefaultAxesAtAStepAreThoseChosenAtTheta0() {
        test((s, client) -> {
            String zero = client.get("/lab/landscape?" + LAB).body().string();
            String five = client.get("/lab/landscape?" + LAB + "&at=5").body().string();
            assertEquals(chosen(zero, "px"), chosen(five, "px"));
            assertEquals(chosen(zero, "py"), chosen(five, "py"));
            assertFalse(zero.contains("data-role=\"path\""), "no path at θ0");
        });
    }

    private static void assertNull(Object o) {
        assertEquals(null, o);
    }
}
