package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import gradlab.engine.Procedure;
import gradlab.engine.Metrics;
import gradlab.engine.Model;
import gradlab.engine.Parameters;
import gradlab.engine.PerExample;
import gradlab.view.Format;
import gradlab.view.MissingPairSentence;
import gradlab.view.svg.LandscapeChart;

/**
 * The loss landscape (DESIGN F6): the level-set counterexample holds when recomputed
 * independently, the linear cost without a hidden layer has none, and the grid and chart
 * say what they should.
 */
class LandscapeTest {

    private static Comparison compare(String q) {
        return Comparison.compute(LabSpec.parse(q, Limits.DEFAULT, Uploads.NONE), Limits.DEFAULT, Uploads.NONE);
    }

    /** θ0 with scalars px and py replaced: built here, not by the landscape. */
    private static Parameters at(Comparison c, Landscape l, Landscape.Point p) {
        Parameters theta = c.theta().copy();
        theta.set(l.x().index(), p.x());
        theta.set(l.y().index(), p.y());
        return theta;
    }

    private static void assertRelative(double expected, double actual, double tolerance, String what) {
        double scale = Math.max(Math.abs(expected), Math.abs(actual));
        assertTrue(Math.abs(expected - actual) <= tolerance * scale,
                what + ": expected " + expected + ", got " + actual);
    }

    @ParameterizedTest
    @ValueSource(strings = {"data=sine&hidden=8", "data=xor&hidden=4&loss=bce", "data=line",
            "data=line&hidden=4&act=identity&loss=linear", "data=blobs3&hidden=6&act=relu&loss=ce&n=40"})
    void theMarkedPointsShareJButNotTheGradient(String q) {
        Comparison c = compare(q);
        Landscape l = Landscape.compute(c);
        assertTrue(l.counterexample().isPresent(), q + ": a pair, not " + l.reason());
        assertEquals(Optional.empty(), l.reason());
        assertFalse(l.constantGradient(), "the gradient varies over the plane");
        Landscape.Counterexample p = l.counterexample().get();
        Parameters a = at(c, l, p.a());
        Parameters b = at(c, l, p.b());
        Model m = c.model();
        double ja = m.cost(a, c.batch());
        double jb = m.cost(b, c.batch());
        assertRelative(ja, jb, 1e-6, "J(θa) = J(θb)");
        assertRelative(ja, p.costA(), 1e-12, "the recorded J(θa)");
        assertRelative(jb, p.costB(), 1e-12, "the recorded J(θb)");
        double[] ga = new PerExample().gradient(m, a, c.batch()).flat();
        double[] gb = new PerExample().gradient(m, b, c.batch()).flat();
        double angle = Math.toDegrees(Math.acos(Metrics.cosine(ga, gb)));
        assertTrue(angle > 10, q + ": the gradients are " + angle + "° apart");
        assertEquals(angle, p.angleDegrees(), 1e-6, "the recorded angle");
        assertEquals(ga[l.x().index()], p.gradientA().x(), 1e-9 * Metrics.norm(ga), "θa's arrow, x");
        assertEquals(gb[l.y().index()], p.gradientB().y(), 1e-9 * Metrics.norm(gb), "θb's arrow, y");
        for (Landscape.Point pt : List.of(p.a(), p.b())) {
            assertTrue(pt.x() >= l.x().min() && pt.x() <= l.x().max() && pt.y() >= l.y().min() && pt.y() <= l.y().max(),
                    "the points lie on the chart: " + pt);
        }
    }

    @Test
    void theLinearCostWithoutAHiddenLayerHasOneGradientEverywhere() {
        Comparison c = compare("data=line&loss=linear");
        Landscape l = Landscape.compute(c);
        assertTrue(l.counterexample().isEmpty(), "no pair");
        assertEquals(Optional.of(MissingPair.LINEAR_COST), l.reason());
        assertEquals("the gradient of the linear cost is the same at every θ: g(J) = 0·J + K, so no counterexample exists",
                MissingPairSentence.of(l.reason().orElseThrow()));
        assertTrue(l.constantGradient());
        Landscape.Projection reference = l.arrows().get(Procedure.REFERENCE);
        assertEquals(List.of(Procedure.PER_EXAMPLE, Procedure.BATCHED, Procedure.MEAN_INPUT, Procedure.MEAN_ERROR, Procedure.FINITE_DIFFERENCE),
                List.copyOf(l.arrows().keySet()));
        for (Map.Entry<Procedure, Landscape.Projection> e : l.arrows().entrySet()) {
            // central differences of a linear J are exact but for rounding, about 1e-16·J/h
            double tolerance = e.getKey() == Procedure.FINITE_DIFFERENCE ? 1e-8 : 1e-12;
            assertRelative(reference.x(), e.getValue().x(), tolerance, e.getKey() + " x");
            assertRelative(reference.y(), e.getValue().y(), tolerance, e.getKey() + " y");
        }
    }

    @Test
    void withAHiddenLayerTheLinearCostsGradientVaries() {
        // DESIGN: "with hidden layers it varies although ∂ℓ/∂ŷ is constant"
        Landscape l = Landscape.compute(compare("data=sine&hidden=4&loss=linear"));
        assertFalse(l.constantGradient());
        assertTrue(l.counterexample().isPresent(), String.valueOf(l.reason()));
    }

    @Test
    void oneExampleWithoutAHiddenLayerAndAMonotoneLossHasNoPair() {
        // with bce, J is monotone in z = W x + b, so a level set is a set of equal z: one gradient direction
        Landscape l = Landscape.compute(compare("data=xor&n=1&loss=bce"));
        assertTrue(l.counterexample().isEmpty(), "no pair");
        assertFalse(l.constantGradient(), "the gradient's length still changes");
        assertEquals(Optional.of(MissingPair.ONE_EXAMPLE_NO_HIDDEN_LAYER), l.reason());
        String why = MissingPairSentence.of(l.reason().orElseThrow());
        assertTrue(why.contains("one example and no hidden layer"), why);
    }

    @Test
    void overTwoOutputBiasesTheLinearCostIsAPlane() {
        // ŷ = W2 a1 + b2 and ∂ℓ/∂ŷ is constant: J is linear in b2, and no gradient component depends on b2
        Comparison c = compare("data=blobs3&hidden=4&loss=linear");
        Landscape l = Landscape.compute(c);
        assertTrue(l.x().name().startsWith("b2[") && l.y().name().startsWith("b2["), l.x().name() + ", " + l.y().name());
        assertTrue(l.constantGradient());
        assertTrue(l.counterexample().isEmpty(), "no pair");
        assertEquals(Optional.of(MissingPair.LINEAR_PLANE), l.reason());
        // a plane: J's change from node (0, 0) is its row's change plus its column's
        int g = l.size();
        for (int r = 0; r < g; r++) {
            for (int col = 0; col < g; col++) {
                double planar = l.cost(r, 0) + l.cost(0, col) - l.cost(0, 0);
                assertEquals(planar, l.cost(r, col), 1e-12 * (1 + Math.abs(planar)), "node " + r + "," + col);
            }
        }
    }

    @Test
    void aPlaneWithoutAWidePairSaysSo() {
        // xor's two input weights of the first hidden unit: the search finds no pair more than 10° apart
        Landscape l = Landscape.compute(compare("data=xor&hidden=4&loss=bce"), 1, 0);
        assertFalse(l.constantGradient());
        assertTrue(l.counterexample().isEmpty(), "no pair");
        assertEquals(Optional.of(MissingPair.NOT_FOUND), l.reason());
        assertThrows(IllegalArgumentException.class, () -> new Landscape(l.slice(), l.costAtTheta0(),
                l.arrows(), l.counterexample(), Optional.empty(), false, 0, StepPaths.NONE), "neither a pair nor a reason");
    }

    @ParameterizedTest
    @ValueSource(strings = {"data=sine&hidden=8", "data=xor&hidden=4&loss=bce", "data=line&loss=linear",
            "data=blobs3&hidden=3,3&loss=ce&micro=8,24"})
    void theGridIsJOnThePlaneAroundTheta0(String q) {
        Comparison c = compare(q);
        Landscape l = Landscape.compute(c);
        int g = l.size();
        assertEquals(Landscape.MAX_GRID, g, "small labs get the full grid");
        // the default axes: the two largest |per-example gradient| scalars, the lower index first on ties
        double[] grad = c.gradients().get(Procedure.REFERENCE).flat();
        List<Integer> byMagnitude = IntStream.range(0, grad.length).boxed()
                .sorted(Comparator.comparingDouble((Integer j) -> -Math.abs(grad[j])).thenComparingInt(j -> j)).toList();
        assertEquals(byMagnitude.get(0), l.x().index());
        assertEquals(byMagnitude.get(1), l.y().index());
        assertEquals(c.theta().scalarName(l.x().index()), l.x().name());
        assertEquals(c.theta().get(l.y().index()), l.y().theta0());
        for (Landscape.Axis a : List.of(l.x(), l.y())) {
            double half = Math.max(1, 2 * Math.abs(a.theta0()));
            assertEquals(a.theta0() - half, a.min(), 1e-15);
            assertEquals(a.theta0() + half, a.max(), 1e-15);
        }
        assertRelative(c.cost(), l.costAtTheta0(), 1e-15, "J(θ0)");
        int[][] nodes = {{0, 0}, {g - 1, g - 1}, {0, g - 1}, {g / 2, g / 3}, {7, 29}, {g - 2, 1}};
        for (int[] n : nodes) {
            Parameters theta = at(c, l, new Landscape.Point(l.x().at(n[1]), l.y().at(n[0])));
            assertEquals(c.model().cost(theta, c.batch()), l.cost(n[0], n[1]), 0, "J at node " + n[0] + "," + n[1]);
        }
        // the arrows are the components of each procedure's gradient
        for (Procedure id : c.gradients().keySet()) {
            assertEquals(c.gradients().get(id).get(l.x().index()), l.arrows().get(id).x(), 0, id.id());
            assertEquals(c.gradients().get(id).get(l.y().index()), l.arrows().get(id).y(), 0, id.id());
        }
    }

    @Test
    void aChosenPlaneUsesTheChosenScalars() {
        Comparison c = compare("data=sine&hidden=8");
        Landscape l = Landscape.compute(c, 3, 10);
        assertEquals(c.theta().scalarName(3), l.x().name());
        assertEquals(c.theta().scalarName(10), l.y().name());
        assertEquals(c.gradients().get(Procedure.MEAN_ERROR).get(10), l.arrows().get(Procedure.MEAN_ERROR).y(), 0);
        assertThrows(IllegalArgumentException.class, () -> Landscape.compute(c, 3, 3));
        assertThrows(IllegalArgumentException.class, () -> Landscape.compute(c, 0, c.theta().size()));
    }

    @Test
    void aLargeNetworkGetsACoarserGrid() {
        assertEquals(41, Landscape.gridSize(32, 2));
        // hidden=64,64 on 1-D data: 4353 scalars
        int g = Landscape.gridSize(1000, 4353);
        assertTrue((long) g * g * 1000 * 4353 <= Landscape.GRID_WORK, "G = " + g);
        assertTrue((long) (g + 1) * (g + 1) * 1000 * 4353 > Landscape.GRID_WORK, "the largest such G: " + g);
        assertEquals(Landscape.MIN_GRID, Landscape.gridSize(10_000, 5_000));
    }

    @ParameterizedTest
    @ValueSource(strings = {"data=sine&hidden=8", "data=xor&hidden=4&loss=bce", "data=line&loss=linear",
            "data=xor&n=1&loss=bce", "data=blobs3&hidden=4&loss=ce&micro=8,24", "data=line&naive="})
    void theChartIsWellFormedTitledDescribedAndFinite(String q) throws Exception {
        Landscape l = Landscape.compute(compare(q));
        String svg = LandscapeChart.render("landscape", l).render();
        assertFalse(svg.contains("NaN") || svg.contains("Infinity"), "no NaN or Infinity");
        assertFalse(svg.contains("style="), "no inline style");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getLocalName());
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        String title = root.getElementsByTagName("title").item(0).getTextContent();
        assertTrue(title.contains(l.x().name()) && title.contains(l.y().name()), title);
        String desc = root.getElementsByTagName("desc").item(0).getTextContent();
        if (l.counterexample().isPresent()) {
            Landscape.Counterexample p = l.counterexample().get();
            assertTrue(desc.contains("θa and θb both have J = " + Format.num(p.costA()) + "; their gradients are "
                    + Format.degrees(p.angleDegrees()) + " apart."), desc);
            List<String> texts = texts(root);
            assertTrue(texts.contains("θa") && texts.contains("θb"), "the points are labelled: " + texts);
        } else {
            assertTrue(desc.contains("No pair of points with the same J and different gradients: "
                    + MissingPairSentence.of(l.reason().orElseThrow()) + "."), desc);
        }
        // one filled path per level, 8 to 10 of them (the grid of a linear J fills every level)
        int levels = 0;
        NodeList paths = root.getElementsByTagName("path");
        for (int i = 0; i < paths.getLength(); i++) {
            if (((Element) paths.item(i)).getAttribute("class").equals("level")) {
                levels++;
            }
        }
        assertTrue(levels >= 8 && levels <= 10, levels + " levels");
        // an arrow per procedure with a non-zero projection, in its colour
        for (Procedure id : l.arrows().keySet()) {
            assertTrue(svg.contains(">" + id + ":"), "an arrow for " + id);
        }
    }

    @Test
    void theDescriptionSaysWhichArrowsCoincideAndWhichAreTooShortToSee() {
        // xor's inputs average to about 0, so the naive gradients nearly vanish in the first layer
        Landscape l = Landscape.compute(compare("data=xor&hidden=4&loss=bce"));
        String svg = LandscapeChart.render("landscape", l).render();
        assertTrue(svg.contains("mean-input and mean-error are too short to see"), svg.substring(0, 1500));
        assertTrue(svg.contains("batched coincides with per-example in this plane"), svg.substring(0, 1500));
        Landscape line = Landscape.compute(compare("data=line"));
        String lineSvg = LandscapeChart.render("landscape", line).render();
        assertFalse(lineSvg.contains("too short to see"), lineSvg.substring(0, 1500));
        assertTrue(lineSvg.contains("batched and finite-difference coincide with per-example in this plane"),
                lineSvg.substring(0, 1500));
        // F2: on the line with mse, mean-input = mean-error
        assertTrue(lineSvg.contains("mean-error coincides with mean-input in this plane"), lineSvg.substring(0, 1500));
    }

    private static List<String> texts(Element root) {
        List<String> out = new ArrayList<>();
        NodeList list = root.getElementsByTagName("text");
        for (int i = 0; i < list.getLength(); i++) {
            out.add(list.item(i).getTextContent());
        }
        return out;
    }
}
