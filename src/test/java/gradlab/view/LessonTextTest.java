package gradlab.view;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void aLoneDollarIsText() {
        String html = LessonText.html("It costs 5 $ and 6 $.");
        assertFalse(html.contains("\\("), html);
    }
}
