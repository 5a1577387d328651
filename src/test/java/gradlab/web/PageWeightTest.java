package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import gradlab.config.Settings;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;

/**
 * DESIGN: "A page weighs at most 300 KB uncompressed". The largest labs within the default
 * caps — n 10000 with two layers of 64, six layers of 64, three classes, micro-batches — as
 * the whole page, its htmx fragment and the landscape: each stays under the bound, and where
 * the per-parameter table is cut, the page links to the whole of it as CSV.
 */
class PageWeightTest {
    private static final int MAX_BYTES = 300 * 1024;
    private static final Lessons LESSONS = Lessons.load(true, null, Limits.DEFAULT, gradlab.view.LessonText::html);
    private static Server server;
    /** The note under a cut table, which links to the whole table (the comparison as CSV). */
    private static final Pattern TABLE_AS_CSV = Pattern.compile("the whole table as <a href=\"/api/compare\\?[^\"]*format=csv\"");

    /** Specs at the default caps: n × scalars up to the comparison's bound of 5·10⁷. */
    private static final List<String> LARGE = List.of(
            "data=blobs3&n=10000&hidden=64,64&loss=ce",
            "data=blobs3&n=2000&hidden=64,64,64,64,64,64&loss=ce&micro=500,1500",
            "data=sine&n=2000&hidden=64,64,64,64,64,64",
            "data=spiral&n=10000&hidden=64,64&loss=bce&batch=4000&micro=1000,1000,1000,1000");

    @BeforeAll
    static void start() {
        server = Server.create(Settings.defaults().withPort(0).withRuns(1, 10), LESSONS).start(0);
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void everyPageAndFragmentOfALargeLabWeighsAtMost300KB() throws Exception {
        List<String> tooHeavy = new ArrayList<>();
        List<String> notLinked = new ArrayList<>();
        for (String spec : LARGE) {
            String query = spec.replace(",", "%2C");
            RawHttp.Response page = weigh("/lab?" + query, tooHeavy);
            String html = page.text();
            if (!TABLE_AS_CSV.matcher(html).find()) {
                notLinked.add(spec);
            }
            if (spec.equals(LARGE.get(0))) {
                // the fragment is the page less its form: the heaviest page's is enough
                weigh("/lab?" + query, tooHeavy, "HX-Request: true");
            }
            weigh("/lab/landscape?" + query, tooHeavy);
        }
        assertTrue(tooHeavy.isEmpty(), "heavier than " + MAX_BYTES + " bytes: " + tooHeavy);
        assertTrue(notLinked.isEmpty(), "a cut table without its link to the whole as CSV: " + notLinked);
    }

    @Test
    void aSmallNetStillShowsEveryParameterInThePage() throws Exception {
        RawHttp.Response r = RawHttp.get(server.port(), "/lab?data=xor&hidden=8&loss=bce");
        assertEquals(200, r.status());
        String html = r.text();
        // 2·8 + 8 + 8 + 1 = 33 parameters, every one a row of the table
        assertTrue(html.contains("Every parameter&#x27;s gradient (33)") || html.contains("Every parameter's gradient (33)"),
                "the table's summary counts them all");
        assertFalse(html.contains("the whole table as"), "nothing is cut");
        for (String name : List.of("W1[1,1]", "b2[0]")) {
            assertTrue(html.contains(">" + name + "<"), "a row for " + name);
        }
    }

    private static RawHttp.Response weigh(String target, List<String> tooHeavy, String... headers) throws Exception {
        RawHttp.Response r = RawHttp.get(server.port(), target, headers);
        assertEquals(200, r.status(), target + " " + r.text());
        System.out.printf("PageWeightTest: %7d bytes  %s %s%n", r.body().length, String.join(" ", headers), target);
        if (r.body().length > MAX_BYTES) {
            tooHeavy.add(target + " " + String.join(" ", headers) + ": " + r.body().length);
        }
        return r;
    }
}
