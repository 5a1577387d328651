package gradlab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.Response;

import gradlab.config.Settings;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;
import gradlab.lab.TrainingHistory;
import gradlab.lab.TrainingRun;
import gradlab.lab.Uploads;
import gradlab.lab.LabSpec;
import gradlab.engine.Trainer;
import gradlab.view.LessonText;
import gradlab.view.TrainingCharts;

/** Every chart is in the page once; its download is an address of the server, or the page's own SVG. */
class ChartDownloadTest {
    private static final Lessons LESSONS = Lessons.load(true, null, Limits.DEFAULT, LessonText::html);
    private static final Pattern DOWNLOAD = Pattern.compile("<a href=\"([^\"]+)\" download=\"([^\"]+)\" class=\"download\">");
    private static final Pattern SVG = Pattern.compile("<svg[^>]* data-chart=\"[^\"]*\"[^>]*>.*?</svg>|<svg[^>]*>.*?</svg>",
            Pattern.DOTALL);

    private static void test(io.javalin.testtools.TestCase body) {
        Server server = Server.create(Settings.defaults().withPort(0).withRuns(1, 1), LESSONS);
        JavalinTest.test(server.javalin(), body);
    }

    @Test
    void eachComparisonChartDownloadsFromItsOwnAddressAsTheSameSvg() {
        test((s, client) -> {
            String page = client.get("/lab?data=xor&hidden=3&loss=bce").body().string();
            String landscape = client.get("/lab/landscape?data=xor&hidden=3&loss=bce&px=4&py=7").body().string();
            for (String html : List.of(page, landscape)) {
                assertFalse(html.contains("data:image/svg"), "no chart is carried twice");
            }
            List<String[]> links = new ArrayList<>();
            for (String html : List.of(page, landscape)) {
                Matcher m = DOWNLOAD.matcher(html);
                while (m.find()) {
                    links.add(new String[] {m.group(1).replace("&amp;", "&"), m.group(2), html});
                }
            }
            assertEquals(List.of("gradlab-cloud.svg", "gradlab-network.svg", "gradlab-gradients.svg", "gradlab-covariance.svg",
                            "gradlab-landscape.svg"),
                    links.stream().map(l -> l[1]).toList());
            for (String[] link : links) {
                Response r = client.get(link[0]);
                assertEquals(200, r.code(), link[0]);
                assertTrue(r.headers().get("Content-Type").get(0).startsWith("image/svg+xml"), link[0]);
                String svg = r.body().string();
                assertTrue(svg.startsWith("<svg") && svg.contains("xmlns=\"http://www.w3.org/2000/svg\""), svg);
                assertTrue(link[2].contains(svg), link[1] + " is the chart the page shows");
            }
            assertTrue(links.get(4)[0].contains("px=4&py=7"), "the landscape keeps its axes: " + links.get(4)[0]);
            assertEquals(404, client.get("/lab/chart/nothing?data=xor").code());
            Response refused = client.get("/lab/chart/bars?n=0");
            assertEquals(422, refused.code());
            assertTrue(refused.headers().get("Content-Type").get(0).startsWith("text/plain"), "a saved file is never a page");
            assertTrue(refused.body().string().startsWith("n must be a whole number"));
        });
    }

    @Test
    void aTrainingChartIsSavedFromThePageAndNotCarriedTwice() {
        LabSpec spec = LabSpec.parse("data=sine&hidden=4&steps=20", Limits.DEFAULT, Uploads.NONE);
        Trainer trainer = TrainingRun.trainer(spec, Limits.DEFAULT, Uploads.NONE);
        TrainingHistory history = new TrainingHistory();
        trainer.run(history::add, () -> false);
        String html = TrainingCharts.render(history, gradlab.lab.LabData.load(spec, Uploads.NONE),
                trainer.setup().model(), trainer::theta).render();
        assertFalse(html.contains("data:image/svg"), "no chart is carried twice");
        Matcher svgs = SVG.matcher(html);
        int charts = 0;
        while (svgs.find()) {
            charts++;
        }
        Matcher saves = Pattern.compile("<button type=\"button\" data-save-svg=\"gradlab-[a-z-]+\\.svg\" class=\"link download\">download SVG</button>")
                .matcher(html);
        int buttons = 0;
        while (saves.find()) {
            buttons++;
        }
        assertTrue(charts >= 3, "cost, cosine and the fit: " + charts);
        assertEquals(charts, buttons, "one save button per chart");
    }
}
