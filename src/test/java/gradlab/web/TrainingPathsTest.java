package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

import io.javalin.testtools.JavalinTest;

import gradlab.config.Settings;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;
import gradlab.view.LessonText;

/**
 * A training run's landscape as the page receives it: the last charts event draws every copy's
 * path, in its colour and labelled, ending exactly where the comparison at the last step stands
 * (or, for a copy that diverged, at the step before), over the slice through the along copy's θ.
 */
class TrainingPathsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Lessons LESSONS = Lessons.load(true, null, Limits.DEFAULT, LessonText::html);
    private static final Pattern PATH = Pattern.compile("<path [^>]*data-role=\"path\"[^>]*>");
    private static final Pattern EVENT = Pattern.compile("event: ?(\\w+)\\n((?:data: ?.*\\n)*)");

    private void test(io.javalin.testtools.TestCase body) {
        Server server = Server.create(Settings.defaults().withPort(0).withRuns(2, 10), LESSONS);
        JavalinTest.test(server.javalin(), body);
    }

    /** The events of a whole training stream: name and data, in order. */
    private static List<String[]> events(int port, String query) throws Exception {
        RawHttp.Response r = RawHttp.get(port, "/lab/train?" + query, "Accept: text/event-stream");
        assertEquals(200, r.status());
        List<String[]> out = new ArrayList<>();
        Matcher m = EVENT.matcher(r.text().replace("\r\n", "\n"));
        while (m.find()) {
            String data = m.group(2).lines().map(l -> l.replaceFirst("^data: ?", "")).reduce((a, b) -> a + "\n" + b).orElse("");
            out.add(new String[] {m.group(1), data});
        }
        return out;
    }

    /** The landscape's SVG in a charts event. */
    private static String landscape(String charts) {
        int at = charts.indexOf("id=\"chart-paths\"");
        assertTrue(at >= 0, "the charts hold the run's landscape");
        int start = charts.lastIndexOf("<svg", at);
        return charts.substring(start, charts.indexOf("</svg>", at) + 6);
    }

    private static String attr(String tag, String name) {
        Matcher m = Pattern.compile(" " + name + "=\"([^\"]*)\"").matcher(tag);
        return m.find() ? m.group(1) : null;
    }

    /** Each copy's path: {copy: the path's tag}. */
    private static Map<String, String> paths(String svg) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = PATH.matcher(svg);
        while (m.find()) {
            out.put(attr(m.group(), "data-proc"), m.group());
        }
        return out;
    }

    /** θ of /api/compare as one flat list, in θ's order. */
    private static double[] theta(io.javalin.testtools.HttpClient client, String query) throws Exception {
        JsonNode compare = JSON.readTree(client.get("/api/compare?" + query).body().string());
        assertTrue(compare.has("parameters"), compare.toString());
        return StepControlsTest.theta(compare);
    }

    private static int chosen(String html, String name) {
        return StepControlsTest.chosen(html, name);
    }

    @Test
    void theLastChartsDrawEveryPathEndingAtTheComparisonAtTheLastStep() {
        String lab = "data=xor&n=32&seed=2&hidden=4&act=tanh&loss=bce&lr=0.5&steps=40&batch=8&micro=3,5";
        test((server, client) -> {
            for (String axes : List.of("", "&px=3&py=9")) {
                String html = client.get("/lab/landscape?" + lab + axes).body().string();
                int px = chosen(html, "px");
                int py = chosen(html, "py");
                List<String[]> events = events(server.port(), lab + "&along=mean-error" + axes);
                String charts = events.stream().filter(e -> e[0].equals("charts")).reduce((a, b) -> b).orElseThrow()[1];
                String svg = landscape(charts);
                Map<String, String> paths = paths(svg);
                assertEquals(List.of("per-example", "mean-input", "mean-error", "mean-of-means"), List.copyOf(paths.keySet()),
                        "one path per copy, in the training's order");
                for (Map.Entry<String, String> p : paths.entrySet()) {
                    double[] theta = theta(client, lab + "&at=40&along=" + p.getKey());
                    String[] end = attr(p.getValue(), "data-end").split(" ");
                    assertEquals(theta[px], Double.parseDouble(end[0]), 1e-9, p.getKey() + " ends at θ40's " + px);
                    assertEquals(theta[py], Double.parseDouble(end[1]), 1e-9, p.getKey() + " ends at θ40's " + py);
                    assertTrue(svg.contains(">" + p.getKey() + "</text>"), p.getKey() + " is labelled");
                    long points = attr(p.getValue(), "d").chars().filter(c -> c == 'L').count() + 1;
                    assertTrue(points >= 2 && points <= 500, points + " points");
                }
                assertTrue(svg.contains("data-chart=\"landscape\""), "a landscape, by its name");
                assertTrue(charts.contains("slice through θ40 of mean-error"), "the caption says which slice the contours are");
            }
        });
    }

    @Test
    void aDivergedCopysPathEndsAtTheLastStepItsComparisonReaches() {
        String lab = "data=sine&n=32&hidden=8&lr=1000&steps=500";
        test((server, client) -> {
            String html = client.get("/lab/landscape?" + lab).body().string();
            int px = chosen(html, "px");
            int py = chosen(html, "py");
            List<String[]> events = events(server.port(), lab);
            String charts = events.stream().filter(e -> e[0].equals("charts")).reduce((a, b) -> b).orElseThrow()[1];
            String tag = paths(landscape(charts)).get("mean-input");
            Matcher diverged = Pattern.compile("mean-input: θ0 to θ(\\d+) \\(diverged at step (\\d+)\\)").matcher(charts);
            assertTrue(diverged.find(), "the path says where it diverged");
            int last = Integer.parseInt(diverged.group(1));
            assertEquals(Integer.parseInt(diverged.group(2)) - 1, last, "it stops the step before");
            assertEquals(422, client.get("/api/compare?" + lab + "&along=mean-input&at=" + (last + 1)).code(),
                    "the comparison refuses the step it diverged at");
            double[] theta = theta(client, lab + "&along=mean-input&at=" + last);
            String[] end = attr(tag, "data-end").split(" ");
            assertEquals(theta[px], Double.parseDouble(end[0]), 1e-9);
            assertEquals(theta[py], Double.parseDouble(end[1]), 1e-9);
            assertFalse(charts.contains("NaN") || charts.contains("Infinity"), "never NaN in a chart");
        });
    }
}
