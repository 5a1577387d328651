package gradlab.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import gradlab.lab.Comparison;
import gradlab.lab.LabSpec;
import gradlab.lab.Limits;
import gradlab.lab.Uploads;

/** The network drawn: a unit per node, every weight an edge while they are few, each layer's error in words. */
class NetworkViewTest {
    private static Comparison compare(String q) {
        return Comparison.compute(LabSpec.parse(q, Limits.DEFAULT, Uploads.NONE), Limits.DEFAULT, Uploads.NONE);
    }

    private static int count(String text, String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void aSmallNetHasANodePerUnitAnEdgePerWeightAndEachLayersError() {
        Comparison c = compare("data=xor&hidden=8,4&loss=bce&naive=mean-error");
        String svg = NetworkView.svg(c).render();
        assertTrue(svg.contains("data-chart=\"network\""));
        // units 2, 8, 4, 1; weights 16 + 32 + 4
        assertEquals(2 + 8 + 4 + 1, count(svg, "<circle "));
        int edges = 0;
        Matcher paths = Pattern.compile("class=\"edges\".*?</g>").matcher(svg);
        while (paths.find()) {
            edges += count(paths.group(), "M\\d+ \\d+L");
        }
        assertEquals(16 + 32 + 4, edges);
        double[] e = c.metrics().get(gradlab.engine.Procedure.MEAN_ERROR).perLayerRelativeError();
        for (int l = 0; l < 3; l++) {
            assertTrue(svg.contains(">error " + Format.num(e[l]) + "<"), "layer " + (l + 1) + "'s error");
        }
        assertTrue(NetworkView.caption(c, NetworkView.naive(c)).contains("mean-error − correct"));
    }

    @Test
    void aLargeNetIsDrawnAsUnitsOnly() {
        Comparison c = compare("data=xor&n=8&hidden=64,64&loss=bce");
        String svg = NetworkView.svg(c).render();
        assertEquals(2 + 64 + 64 + 1, count(svg, "<circle "));
        assertTrue(!svg.contains("class=\"edges\""), "4224 weights: units only");
        assertTrue(NetworkView.caption(c, NetworkView.naive(c)).contains("too many to draw one by one"));
    }
}
