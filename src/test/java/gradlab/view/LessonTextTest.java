package gradlab.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** Lesson Markdown: HTML in it is escaped; maths passes through Markdown untouched. */
class LessonTextTest {
    @Test
    void rawHtmlIsEscapedNeverTrusted() {
        String html = LessonText.html("Hi <script>alert(1)</script> and <img src=x onerror=alert(1)>\n\n"
                + "<div onclick=\"x\">block</div>\n\n[link](javascript:alert(1))");
        assertFalse(html.contains("<script>") || html.contains("<img") || html.contains("<div"), html);
        assertTrue(html.contains("&lt;script&gt;"), html);
        assertFalse(html.contains("javascript:"), html);
    }

    @Test
    void mathKeepsItsUnderscoresAndBackslashesAndGetsKatexDelimiters() {
        String html = LessonText.html("The mean $\\bar{x}_i = a_i * b_i$ and\n\n$$\nJ = \\frac{1}{N} \\sum_i L_i\n$$\n");
        assertTrue(html.contains("\\(\\bar{x}_i = a_i * b_i\\)"), html);
        assertTrue(html.contains("$$J = \\frac{1}{N} \\sum_i L_i$$"), html);
        assertFalse(html.contains("<em>"), "no emphasis made of the underscores: " + html);
    }

    @Test
    void mathIsEscapedToo() {
        String html = LessonText.html("$a < b$ and $$x<script>$$");
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("a &lt; b"), html);
    }

    @Test
    void aBodyThatWritesTheMathMarkerItselfIsJustText() {
        // the old implementation swapped maths for GRADLABMATH<n>X and back: these duplicated a span or failed (500)
        String html = LessonText.html("GRADLABMATH0X and GRADLABMATH7X, then $x$ and GRADLABMATH1X");
        assertTrue(html.contains("GRADLABMATH0X and GRADLABMATH7X, then "), html);
        assertTrue(html.contains("and GRADLABMATH1X"), html);
        assertEquals(1, html.split("class=\"math\"", -1).length - 1, "one maths span: " + html);
    }

    @Test
    void mathNeverLandsInsideAnAttributeOrCode() {
        String html = LessonText.html("[a](<http://x/$a onmouseover=alert(1) b$> \"$t$ title\") ![$alt$ \"q\"](y.png)\n\n"
                + "[ref] and `$code$`\n\n[ref]: http://x/$r$ '$u$'\n\n~~~$info$\nbody $c$\n~~~\n\n<http://x/$z$>");
        // an attribute's value never holds a tag: nothing written in the text can open or close one
        Matcher attribute = Pattern.compile("=\"([^\"]*)\"").matcher(html);
        while (attribute.find()) {
            assertFalse(attribute.group(1).contains("<") || attribute.group(1).contains(">"), attribute.group() + " in " + html);
        }
        assertFalse(html.contains("\\("), "no maths at all here, all of it is in addresses, titles, alt text or code: "
                + html);
        assertTrue(html.contains("<code>$code$</code>"), html);
        assertTrue(html.contains("alt=\"$alt$ &quot;q&quot;\""), html);
    }

    @Test
    void aLoneDollarIsText() {
        String html = LessonText.html("It costs 5 $ and 6 $.");
        assertFalse(html.contains("\\("), html);
    }
}
