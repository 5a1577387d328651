package gradlab.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import gradlab.engine.Metrics;
import gradlab.engine.Procedure;
import gradlab.engine.Trainer;
import gradlab.lab.Comparison;
import gradlab.lab.LabData;
import gradlab.lab.LabSpec;
import gradlab.lab.Landscape;
import gradlab.lab.Limits;
import gradlab.lab.TrainingHistory;
import gradlab.lab.TrainingRun;
import gradlab.lab.Uploads;

/**
 * What the charts say beside what they draw: procedures whose marks coincide are named, every
 * arrow on the landscape has its legend entry, and the naive copies' relative error is in the
 * training table and its own chart.
 */
class ChartNotesTest {
    private static final Pattern FIGCAPTION = Pattern.compile("<figcaption><span>([^<]*)</span>");

    private static LabSpec spec(String q) {
        return LabSpec.parse(q, Limits.DEFAULT, Uploads.NONE);
    }

    private static Comparison compare(String q) {
        return Comparison.compute(spec(q), Limits.DEFAULT, Uploads.NONE);
    }

    private static List<String> captions(String html) {
        return FIGCAPTION.matcher(html).results().map(m -> m.group(1)).toList();
    }

    /** Two gradients are one set of bars when they agree to far below what a screen shows. */
    private static boolean same(Comparison c, Procedure a, Procedure b) {
        return Metrics.relativeError(c.gradients().get(a).flat(), c.gradients().get(b).flat()) < 1e-9;
    }

    @ParameterizedTest
    @ValueSource(strings = {"data=line", "data=sine&hidden=4,4&act=identity&loss=linear", "data=sine&hidden=8&batch=1",
            "data=sine&hidden=8", "data=xor&hidden=4&loss=bce"})
    void theBarsCaptionNamesTheProceduresWhoseBarsAreEqual(String q) {
        Comparison c = compare(q);
        String caption = captions(ComparisonView.parameters(c, LabLinks.of(c.spec())).render()).get(0);
        Procedure ref = Procedure.PER_EXAMPLE;
        Procedure mi = Procedure.MEAN_INPUT;
        Procedure me = Procedure.MEAN_ERROR;
        if (same(c, ref, mi) && same(c, ref, me)) {
            assertTrue(caption.contains("mean-input and mean-error coincide with per-example"), caption);
        } else if (same(c, mi, me)) {
            assertTrue(caption.contains("mean-error coincides with mean-input"), caption);
        } else {
            assertFalse(caption.contains("coincide"), caption);
        }
    }

    @Test
    void aLinearModelWithMseSaysItsShortcutsCoincide() {
        // F2: mean-input = mean-error, and neither is the correct gradient
        Comparison c = compare("data=line");
        String caption = captions(ComparisonView.parameters(c, LabLinks.of(c.spec())).render()).get(0);
        assertTrue(caption.contains("mean-error coincides with mean-input: their bars are equal."), caption);
    }

    private static String trainingCharts(String q) {
        LabSpec spec = spec(q);
        Trainer trainer = TrainingRun.trainer(spec, Limits.DEFAULT, Uploads.NONE);
        TrainingHistory history = new TrainingHistory();
        trainer.run(history::add, () -> false);
        return TrainingCharts.render(history, LabData.load(spec, Uploads.NONE), trainer.setup().model(),
                trainer::theta).render();
    }

    @Test
    void copiesThatTrainAlikeAreNamedUnderEveryChartTheyShareAndOthersAreNot() {
        // a batch of one: every copy takes the same steps (F4)
        String alike = trainingCharts("data=sine&hidden=8&batch=1&steps=50");
        List<String> captions = captions(alike);
        assertTrue(captions.get(0).contains("mean-input and mean-error coincide with per-example: one line hides the other."),
                captions.get(0));
        assertTrue(captions.stream().anyMatch(s -> s.startsWith("How well each naive copy")
                && s.contains("mean-error coincides with mean-input")), captions.toString());
        assertTrue(captions.stream().anyMatch(s -> s.startsWith("The data and each copy")
                && s.contains("coincide with per-example")), captions.toString());

        String apart = trainingCharts("data=sine&hidden=8&steps=50");
        assertFalse(captions(apart).stream().anyMatch(s -> s.contains("coincide")), captions(apart).toString());
    }

    @Test
    void theTrainingTableAndAChartShowEachNaiveCopysRelativeError() {
        LabSpec spec = spec("data=sine&hidden=8&steps=20");
        Trainer trainer = TrainingRun.trainer(spec, Limits.DEFAULT, Uploads.NONE);
        List<Trainer.Record> records = new ArrayList<>();
        TrainingHistory history = new TrainingHistory();
        trainer.run(r -> {
            records.add(r);
            history.add(r);
        }, () -> false);
        List<Procedure> copies = List.copyOf(records.get(0).copies().keySet());

        String head = TrainingView.running(spec, copies).render();
        assertEquals(2, Pattern.compile("<summary[^>]*>relative error</summary>.*?</details> mean-(input|error)</th>")
                .matcher(head).results().count(), head);
        Trainer.Record last = records.get(records.size() - 1);
        String row = TrainingView.row(last).render();
        List<String> cells = Pattern.compile("<td[^>]*>([^<]*)</td>").matcher(row).results().map(m -> m.group(1)).toList();
        // J per copy, then cosine per naive copy, then relative error per naive copy
        assertEquals(3 + 2 + 2, cells.size(), row);
        assertEquals(Format.num(last.copies().get(Procedure.MEAN_INPUT).relativeError()), cells.get(5));
        assertEquals(Format.num(last.copies().get(Procedure.MEAN_ERROR).relativeError()), cells.get(6));

        String charts = TrainingCharts.render(history, LabData.load(spec, Uploads.NONE), trainer.setup().model(),
                trainer::theta).render();
        assertTrue(charts.contains("id=\"chart-relative-error\""), "a chart of the relative error");
        assertTrue(charts.contains("Relative error over training steps"));
    }

    // ------------------------------------------------------------------ the landscape's legend

    @ParameterizedTest
    @ValueSource(strings = {"data=line", "data=sine&hidden=8", "data=xor&hidden=4&loss=bce",
            "data=sine&hidden=4,4&act=identity&loss=linear", "data=line&loss=linear"})
    void everyArrowOnTheLandscapeHasALegendEntry(String q) throws Exception {
        Landscape l = Landscape.compute(compare(q));
        String svg = LandscapeView.svg(l).render();
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
        Set<String> drawn = new LinkedHashSet<>();
        Set<String> legend = new LinkedHashSet<>();
        NodeList groups = root.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            Element g = (Element) groups.item(i);
            if (!"arrow".equals(g.getAttribute("class"))) {
                continue;
            }
            String colour = ((Element) g.getElementsByTagName("path").item(0)).getAttribute("stroke");
            if (colour.equalsIgnoreCase("#ffffff")) {
                // the white casing under an arrow, not an arrow of its own
                continue;
            }
            (inLegend(g) ? legend : drawn).add(colour);
        }
        assertFalse(drawn.isEmpty(), "arrows are drawn");
        assertTrue(legend.containsAll(drawn), "drawn " + drawn + ", in the legend " + legend);
        if (l.counterexample().isPresent()) {
            assertTrue(svg.contains("−gradient at θa, θb"), "the marked points' arrows are named");
        }
    }

    private static boolean inLegend(Node n) {
        for (Node p = n.getParentNode(); p instanceof Element e; p = p.getParentNode()) {
            if ("legend".equals(e.getAttribute("class"))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theLandscapeCaptionNamesArrowsThatCoincide() {
        // F2's line: mean-input's and mean-error's gradients are one vector
        Comparison c = compare("data=line");
        Landscape l = Landscape.compute(c);
        Matcher m = FIGCAPTION.matcher(LandscapeView.panel(c, l).render());
        assertTrue(m.find());
        assertTrue(m.group(1).contains("mean-error coincides with mean-input in this plane"), m.group(1));
    }
}
