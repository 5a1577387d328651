package gradlab.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;


import gradlab.lab.Comparison;
import gradlab.lab.LabSpec;
import gradlab.lab.Limits;
import gradlab.lab.RunEvent;
import gradlab.lab.RunSoFar;
import gradlab.lab.TrainingRun;
import gradlab.lab.Uploads;
import gradlab.view.svg.BarChart;
import gradlab.view.svg.LineChart;

/** Every chart is well-formed XML with a title and a text alternative, and never says NaN or Infinity. */
class SvgTest {

    static Stream<String> charts() {
        List<String> svgs = new ArrayList<>();
        // the comparison's bars, for several labs
        for (String q : List.of("data=xor&hidden=8&loss=bce", "data=line", "data=blobs3&hidden=4&loss=ce&micro=8,24",
                "data=sine&hidden=64,64&n=16", "data=line&naive=")) {
            Comparison c = compare(q);
            svgs.addAll(svgsIn(ComparisonView.parameters(c, LabLinks.of(c.spec())).render()));
            svgs.addAll(svgsIn(ComparisonView.panel(c, LabLinks.of(c.spec())).render()));
        }
        // training charts: regression, classes, a diverging run, the linear cost (J ≤ 0)
        for (String q : List.of("data=sine&hidden=8&steps=30", "data=spiral&hidden=8&loss=bce&steps=20",
                "data=blobs3&hidden=4&loss=ce&steps=20", "data=line&lr=100&steps=50",
                "data=sine&hidden=4,4&act=identity&loss=linear&steps=20&lr=0.01", "data=xor&hidden=4&micro=8,24")) {
            svgs.addAll(svgsIn(trainingCharts(q)));
        }
        // hand-made edge cases: all zero, constant, only NaN
        svgs.add(BarChart.render("b", "zeros", "all zero", "x", List.of("a", "b"),
                List.of(new BarChart.Series("s", "#000000", new double[] {0, 0}))).render());
        svgs.add(LineChart.render("l", "flat", "constant", "step", "J",
                List.of(new LineChart.Series("s", "#000000", new double[] {0, 1, 2}, new double[] {3, 3, 3}, -1)),
                false, Double.NaN, Double.NaN).render());
        svgs.add(LineChart.render("n", "empty", "no finite value", "step", "J",
                List.of(new LineChart.Series("s", "#000000", new double[] {0, 1}, new double[] {Double.NaN, Double.NaN}, 0)),
                true, Double.NaN, Double.NaN).render());
        return svgs.stream();
    }

    @ParameterizedTest
    @MethodSource("charts")
    void aChartIsWellFormedTitledDescribedAndFinite(String svg) throws Exception {
        assertFalse(svg.contains("NaN") || svg.contains("Infinity"), "no NaN or Infinity: " + svg.substring(0, 200));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        assertEquals("img", root.getAttribute("role"));
        assertTrue(text(root, "title").length() > 3, "a title");
        assertTrue(text(root, "desc").length() > 3, "a text alternative");
        for (String id : root.getAttribute("aria-labelledby").split(" ")) {
            assertTrue(svg.contains("id=\"" + id + "\""), "aria-labelledby points at " + id);
        }
        for (String attribute : List.of("x", "y", "width", "height", "cx", "cy", "x1", "y1", "x2", "y2")) {
            NodeList all = root.getElementsByTagName("*");
            for (int i = 0; i < all.getLength(); i++) {
                String v = ((Element) all.item(i)).getAttribute(attribute);
                if (!v.isEmpty()) {
                    double d = Double.parseDouble(v);
                    assertTrue(Double.isFinite(d), attribute + "=" + v);
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void everyChartOfThePagesNamesItself() {
        Comparison xor = compare("data=xor&hidden=4&loss=bce");
        Comparison line = compare("data=line&hidden=3");
        List<String> svgs = new ArrayList<>(svgsIn(ComparisonView.panel(xor, LabLinks.of(xor.spec())).render()));
        svgs.addAll(svgsIn(ComparisonView.parameters(line, LabLinks.of(line.spec())).render()));
        svgs.addAll(svgsIn(trainingCharts("data=sine&hidden=8&steps=10")));
        svgs.addAll(svgsIn(trainingCharts("data=xor&hidden=4&loss=bce&steps=10")));
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (String svg : svgs) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^<svg[^>]*\\bdata-chart=\"([a-z-]+)\"").matcher(svg);
            assertTrue(m.find(), "data-chart on " + svg.substring(0, Math.min(120, svg.length())));
            names.add(m.group(1));
        }
        assertTrue(names.containsAll(List.of("cloud", "bars", "covariance", "cost", "cosine", "fit", "regions",
                "landscape")), names.toString());
    }

    private static String text(Element root, String tag) {
        NodeList list = root.getElementsByTagName(tag);
        return list.getLength() == 0 ? "" : list.item(0).getTextContent();
    }

    /** The SVG elements in a page fragment. */
    private static List<String> svgsIn(String html) {
        List<String> out = new ArrayList<>();
        for (int at = html.indexOf("<svg"); at >= 0; at = html.indexOf("<svg", at + 1)) {
            out.add(html.substring(at, html.indexOf("</svg>", at) + "</svg>".length()));
        }
        assertFalse(out.isEmpty(), "the fragment has charts");
        return out;
    }

    private static Comparison compare(String q) {
        return Comparison.compute(LabSpec.parse(q, Limits.DEFAULT, Uploads.NONE), Limits.DEFAULT, Uploads.NONE);
    }

    /** A run's charts as its stream draws them: at a record halfway, and at its end. */
    private static String trainingCharts(String q) {
        LabSpec spec = LabSpec.parse(q, Limits.DEFAULT, Uploads.NONE);
        StringBuilder out = new StringBuilder();
        TrainingRun.train(spec, Limits.DEFAULT, Uploads.NONE, e -> {
            RunSoFar run = e instanceof RunEvent.Recorded r && r.record().step() == spec.steps() / 2 ? r.run()
                    : e instanceof RunEvent.Finished f ? f.run() : null;
            if (run != null) {
                out.append(TrainingCharts.render(run.history(), run.data(), run.model(), run::theta, run.landscape()).render());
            }
        });
        return out.toString();
    }

}
