package gradlab.view;

import static j2html.TagCreator.a;
import static j2html.TagCreator.body;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.html;
import static j2html.TagCreator.p;
import static j2html.TagCreator.rawHtml;
import static j2html.TagCreator.span;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;

import j2html.TagCreator;
import j2html.tags.DomContent;
import j2html.utils.EscapeUtil;
import org.junit.jupiter.api.Test;

import gradlab.lab.Comparison;
import gradlab.lab.LabSpec;
import gradlab.lab.Limits;
import gradlab.lab.Uploads;

class HtmlTest {
    private static final String ALPHABET = "ab <>&\"'θ‖−∇g_i=1.5;#\n\u00a0";

    /** The escaper writes j2html's own text, on random strings over the special characters and beyond. */
    @Test
    void escapingIsJ2htmlsOwn() {
        Random random = new Random(15);
        for (int k = 0; k < 50_000; k++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(12);
            for (int i = 0; i < n; i++) {
                s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            assertEquals(EscapeUtil.escape(s.toString()), Html.escape(s.toString()), s.toString());
        }
        assertNull(Html.escape(null));
        String plain = "M122.3 135.1L171.0 145.3";
        assertSame(plain, Html.escape(plain), "a value with nothing to escape is returned as it is");
    }

    /** A page and a fragment written here are byte for byte what j2html writes itself. */
    @Test
    void aTreeIsWrittenAsJ2htmlWritesIt() {
        DomContent fragment = each(p("x < y & \"z\"").attr("data-q", "it's <b>"), rawHtml("<i>raw & kept</i>"),
                div(a("θ‖−").withHref("/lab?n=2&seed=3")).attr("hidden", "hidden"));
        assertEquals(fragment.render(), Html.render(fragment));
        assertEquals(TagCreator.document(html(body(span("a & b")))), Html.document(html(body(span("a & b")))));
        Comparison c = Comparison.compute(LabSpec.defaults(), Limits.DEFAULT, Uploads.NONE);
        LabLinks links = LabLinks.of(c.spec());
        assertEquals(ComparisonView.panel(c, links).render(), Html.render(ComparisonView.panel(c, links)));
    }
}
