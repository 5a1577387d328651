package gradlab.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import gradlab.lab.Cloud;
import gradlab.lab.Comparison;
import gradlab.lab.LabSpec;
import gradlab.lab.Limits;
import gradlab.lab.Uploads;

/** The cloud as drawn: a dot per example with its words, the mean marked, the running mean ending on it. */
class CloudViewTest {
    private static final Pattern POINT = Pattern.compile("([-0-9.]+) ([-0-9.]+)$");

    private static Comparison compare(String q) {
        return Comparison.compute(LabSpec.parse(q, Limits.DEFAULT, Uploads.NONE), Limits.DEFAULT, Uploads.NONE);
    }

    private static Element svg(Comparison c) throws Exception {
        String html = CloudView.figureOf(c, LabLinks.of(c.spec())).render();
        String svg = html.substring(html.indexOf("<svg"), html.indexOf("</svg>") + 6);
        assertFalse(svg.contains("NaN") || svg.contains("Infinity"));
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    }

    @Test
    void everyExampleIsADotWithItsWordsAndTheRunningMeanEndsOnTheMarkedMean() throws Exception {
        Comparison c = compare("data=sine&n=24&seed=5&hidden=5");
        Element root = svg(c);
        assertEquals("cloud", root.getAttribute("data-chart"));
        NodeList circles = root.getElementsByTagName("circle");
        Set<String> examples = new HashSet<>();
        Element mean = null;
        for (int i = 0; i < circles.getLength(); i++) {
            Element e = (Element) circles.item(i);
            if (e.hasAttribute("data-example")) {
                examples.add(e.getAttribute("data-example"));
                String words = e.getElementsByTagName("title").item(0).getTextContent();
                int k = Integer.parseInt(e.getAttribute("data-example"));
                assertTrue(words.startsWith("example " + k + ": x ") && words.contains("‖g‖"), words);
                assertTrue(Double.parseDouble(e.getAttribute("r")) >= 3, "a minimum size");
            }
            if (e.getAttribute("data-role").equals("mean")) {
                mean = e;
            }
        }
        assertEquals(24, examples.size());
        assertTrue(mean != null, "the mean is marked");
        NodeList paths = root.getElementsByTagName("path");
        String running = null;
        for (int i = 0; i < paths.getLength(); i++) {
            Element e = (Element) paths.item(i);
            if (e.getAttribute("class").equals("running-mean")) {
                running = e.getAttribute("d");
            }
        }
        Matcher end = POINT.matcher(running);
        assertTrue(end.find(), running);
        assertEquals(Double.parseDouble(mean.getAttribute("cx")), Double.parseDouble(end.group(1)), 0.1);
        assertEquals(Double.parseDouble(mean.getAttribute("cy")), Double.parseDouble(end.group(2)), 0.1);
        assertTrue(root.getElementsByTagName("title").item(0).getTextContent().length() > 3);
        assertTrue(root.getElementsByTagName("desc").item(0).getTextContent().contains("The mean of these dots is the gradient"));
    }

    @Test
    void theCaptionSaysWhatToSeeAndWhatIsDrawn() {
        Comparison c = compare("data=xor&n=64&hidden=8&loss=bce&plane=naive:mean-error");
        String caption = CloudView.caption(c, Cloud.of(c));
        assertTrue(caption.contains("The mean of these dots is the gradient (ringed); mean-error's arrow is not their mean."),
                caption);
        assertTrue(caption.contains("across it toward mean-error"), caption);
        Comparison one = compare("data=sine&n=1&hidden=3");
        String fellBack = CloudView.caption(one, Cloud.of(one));
        assertTrue(fellBack.contains("The plane: the parameters") && fellBack.contains("because"), fellBack);
        assertFalse(fellBack.contains("arrow is not their mean"), "one example: every shortcut is exact (F4)");
        Comparison large = compare("data=sine&n=3000&hidden=3");
        String sample = CloudView.caption(large, Cloud.of(large));
        assertTrue(sample.contains(Cloud.MAX_POINTS + " of the 3000 examples are drawn, a seeded sample"), sample);
        String html = CloudView.figureOf(large, LabLinks.of(large.spec())).render();
        assertEquals(Cloud.MAX_POINTS, html.split("data-example=").length - 1);
        assertEquals(1, html.split("tabindex=\"0\"").length - 1, "one tab stop");
    }
}
