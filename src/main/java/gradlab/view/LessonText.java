package gradlab.view;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import gradlab.lab.LessonFigures;
import gradlab.lab.Quantity;

/**
 * A lesson's Markdown as HTML. Lesson text is never trusted as HTML: raw HTML in it is
 * escaped, and link targets are sanitised. Math ($…$ inline, $$…$$ display) is set aside
 * before Markdown can touch its underscores and backslashes, then put back, escaped, between
 * the delimiters KaTeX's auto-render looks for in the browser: \(…\) and $$…$$. A placeholder
 * ({{mean-error.angleDegrees}}) becomes its value as the page formats it: plain text in prose,
 * \text{…} inside math, so that KaTeX sets "35°" or "−0.3426" as it reads.
 */
public final class LessonText {
    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    private static final Pattern DISPLAY = Pattern.compile("\\$\\$(.+?)\\$\\$", Pattern.DOTALL);
    private static final Pattern INLINE = Pattern.compile("\\$(?![\\s$])([^$\\n]+?)(?<!\\s)\\$");
    private static final Pattern MATH_SLOT = Pattern.compile("GRADLABMATH(\\d+)X");

    private LessonText() {
    }

    /** Markdown without figures: a placeholder stays as written. */
    public static String html(String markdown) {
        return html(markdown, (UnaryOperator<String>) null);
    }

    /** A lesson's text, its placeholders filled from the lesson's figures. */
    public static String html(String markdown, LessonFigures figures) {
        return html(markdown, name -> {
            Quantity q = LessonFigures.quantity(name);
            return QuantityFormat.text(q, figures.value(q));
        });
    }

    /** {@code figure} turns a placeholder's name into its text; null leaves placeholders as written. */
    private static String html(String markdown, UnaryOperator<String> figure) {
        List<String> math = new ArrayList<>();
        String text = setAside(DISPLAY, markdown, math, "$$", "$$", figure);
        text = setAside(INLINE, text, math, "\\(", "\\)", figure);
        text = fill(text, figure);
        String html = RENDERER.render(PARSER.parse(text));
        Matcher m = MATH_SLOT.matcher(html);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(math.get(Integer.parseInt(m.group(1)))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String setAside(Pattern p, String text, List<String> math, String open, String close,
                                   UnaryOperator<String> figure) {
        Matcher m = p.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String tex = escape(fill(m.group(1).strip(), figure == null ? null : name -> inMath(figure.apply(name))));
            String wrapped = open.equals("$$")
                    ? "<span class=\"math display\">$$" + tex + "$$</span>"
                    : "<span class=\"math\">" + open + tex + close + "</span>";
            m.appendReplacement(out, "GRADLABMATH" + math.size() + "X");
            math.add(wrapped);
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Every placeholder replaced by {@code text} of its name; none when {@code text} is null. */
    private static String fill(String s, UnaryOperator<String> text) {
        if (text == null) {
            return s;
        }
        Matcher m = LessonFigures.PLACEHOLDER.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(text.apply(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A value inside math: as text, with TeX's comment sign escaped ("60 %"). */
    private static String inMath(String value) {
        return "\\text{" + value.replace("%", "\\%") + "}";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
