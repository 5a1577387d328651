package gradlab.view;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import gradlab.engine.Metrics;
import gradlab.engine.Procedure;
import gradlab.lab.Comparison;
import gradlab.lab.Lesson;
import gradlab.lab.LessonFigures;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;
import gradlab.lab.Quantity;
import gradlab.lab.Uploads;

/** A lesson's placeholders, rendered: the value as the comparison table prints it, in prose and in maths. */
class LessonFiguresViewTest {
    private static final Lessons LESSONS = Lessons.load(true, null, Limits.DEFAULT, LessonText::html);

    @Test
    void theIntroPageQuotesItsFiguresAsTheTablesBelowPrintThem() {
        Lesson intro = LESSONS.find("intro").orElseThrow();
        Comparison c = Comparison.compute(intro.spec(), Limits.DEFAULT, Uploads.NONE);
        String page = LessonPage.answered(intro, Map.of(), Limits.DEFAULT, null, null);
        // the lesson's text once its question is answered, with its "What to look for" (which stands beside the lab)
        String text = page.substring(page.indexOf("lesson-text"), page.indexOf("<div class=\"lab\">"));
        String table = ComparisonView.metricsTable(c).render();
        String layers = ComparisonView.perLayerTable(c).render();
        Metrics m = c.metrics().get(Procedure.MEAN_ERROR);

        String angle = Format.degrees(m.angleDegrees());
        assertTrue(text.contains("<code>mean-error</code> " + angle + " away"), text);
        assertTrue(table.contains(">" + angle + "<"), "the table prints " + angle);
        String cosine = Format.num(m.cosine());
        assertTrue(text.contains("cosine " + cosine), text);
        assertTrue(table.contains(">" + cosine + "<"), "the table prints " + cosine);
        String layer2 = Format.num(m.perLayerRelativeError()[1]);
        assertTrue(text.contains(layer2 + " for <code>mean-error</code>"), text);
        assertTrue(layers.contains(">" + layer2 + "<"), "the per-layer table prints " + layer2);
        String sameSign = Format.percent(m.sameSign());
        assertTrue(text.contains(sameSign + " of the signs agree"), text);
        assertTrue(table.contains(">" + sameSign + "<"), "the table prints " + sameSign);
        assertTrue(text.contains("falls from " + Format.num(c.cost()) + " to "), text);
        assertTrue(ComparisonView.panel(c, LabLinks.of(c.spec())).render().contains(Format.num(c.cost())), "the panel prints J(θ0) so");
        assertFalse(text.contains("{{"), "every placeholder is filled");
    }

    @Test
    void insideMathAPlaceholderBecomesTextAndItsPercentSignIsEscaped() {
        Quantity cost = Quantity.parse("cost");
        Quantity share = Quantity.parse("mean-error.sameSign");
        LessonFigures figures = new LessonFigures(Map.of(cost, -2.2195, share, 0.6));
        String html = LessonText.html("Prose {{cost}} and ${{ cost }} = J$ and\n\n$$\ns = {{mean-error.sameSign}}\n$$\n",
                figures);
        assertTrue(html.contains("Prose −2.220 and"), html);
        assertTrue(html.contains("\\(\\text{−2.220} = J\\)"), html);
        assertTrue(html.contains("$$s = \\text{60 \\%}$$"), html);
    }

    @Test
    void withoutFiguresAPlaceholderStaysAsWrittenAndIsStillEscapedText() {
        String html = LessonText.html("Write {{cost}} <b>here</b>.");
        assertTrue(html.contains("{{cost}}"), html);
        assertTrue(html.contains("&lt;b&gt;"), html);
    }
}
