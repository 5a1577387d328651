package gradlab.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import gradlab.lab.Comparison;
import gradlab.lab.LabSpec;
import gradlab.lab.Landscape;
import gradlab.lab.Limits;
import gradlab.lab.MissingPair;
import gradlab.lab.Uploads;

/** Every reason the landscape can give for showing no pair has its sentence, worded as the page has always had it. */
class MissingPairSentenceTest {

    /** The page's wording, written out here rather than taken from the code under test. */
    private static final Map<MissingPair, String> PAGE = Map.of(
            MissingPair.LINEAR_COST,
            "the gradient of the linear cost is the same at every θ: g(J) = 0·J + K, so no counterexample exists",
            MissingPair.LINEAR_PLANE,
            "the gradient is the same at every grid point checked: J is linear over this plane, so no two points "
                    + "of it with the same J have different gradients",
            MissingPair.ONE_EXAMPLE_NO_HIDDEN_LAYER,
            "with one example and no hidden layer J depends on θ only through z = W x + b, and no two points of "
                    + "this plane with the same J have gradients more than 10° apart",
            MissingPair.NOT_FOUND,
            "no two points of this plane with the same J were found whose gradients are more than 10° apart");

    @Test
    void everyReasonHasTodaysSentence() {
        assertEquals(EnumSet.allOf(MissingPair.class), EnumSet.copyOf(PAGE.keySet()),
                "a new reason needs its sentence here and in MissingPairSentence");
        for (MissingPair why : MissingPair.values()) {
            String sentence = MissingPairSentence.of(why);
            assertEquals(PAGE.get(why), sentence, why.name());
            // it follows a colon and is followed by the caller's full stop
            assertTrue(Character.isLowerCase(sentence.charAt(0)) && !sentence.endsWith("."), sentence);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "data=line&loss=linear, -1, -1, LINEAR_COST",
            // the default plane is two output biases, over which the linear cost is linear
            "data=blobs3&hidden=4&loss=linear, -1, -1, LINEAR_PLANE",
            "data=xor&n=1&loss=bce, -1, -1, ONE_EXAMPLE_NO_HIDDEN_LAYER",
            "data=xor&hidden=4&loss=bce, 1, 0, NOT_FOUND"})
    void thePanelAndTheChartSayWhy(String query, int px, int py, MissingPair expected) {
        Comparison c = Comparison.compute(LabSpec.parse(query, Limits.DEFAULT, Uploads.NONE), Limits.DEFAULT,
                Uploads.NONE);
        Landscape l = px < 0 ? Landscape.compute(c) : Landscape.compute(c, px, py);
        assertEquals(Optional.of(expected), l.reason());
        assertTrue(l.counterexample().isEmpty());
        String html = LandscapeView.panel(c, l).render();
        String sentence = PAGE.get(expected);
        assertTrue(html.contains("<p>No two points of one contour with different gradients in this plane: "
                + sentence + ".</p>"), html.substring(html.length() - 600));
        // the figure escapes the apostrophe of its description
        // (after the arrows that coincide, if any)
        assertTrue(Pattern.compile("with each procedure&#x27;s step from θ0\\.[^<]* " + Pattern.quote(sentence) + "\\.</span>")
                .matcher(html).find(), "the figure's description");
        assertTrue(html.contains("No pair of points with the same J and different gradients: " + sentence + "."),
                "the chart's text alternative");
    }
}
