package gradlab.view;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * A lesson's Markdown as HTML. Lesson text is never trusted as HTML: raw HTML in it is
 * escaped, and link targets are sanitised. Math ($…$ inline, $$…$$ display) is set aside
 * before Markdown can touch its underscores and backslashes, then put back, escaped, between
 * the delimiters KaTeX's auto-render looks for in the browser: \(…\) and $$…$$.
 */
public final class LessonText {
    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    private static final Pattern DISPLAY = Pattern.compile("\\$\\$(.+?)\\$\\$", Pattern.DOTALL);
    private static final Pattern INLINE = Pattern.compile("\\$(?![\\s$])([^$\\n]+?)(?<!\\s)\\$");
    private static final Pattern PLACEHOLDER = Pattern.compile("GRADLABMATH(\\d+)X");

    private LessonText() {
    }

    public static String html(String markdown) {
        List<String> math = new ArrayList<>();
        String text = setAside(DISPLAY, markdown, math, "$$", "$$");
        text = setAside(INLINE, text, math, "\\(", "\\)");
        String html = RENDERER.render(PARSER.parse(text));
        Matcher m = PLACEHOLDER.matcher(html);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(math.get(Integer.parseInt(m.group(1)))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String setAside(Pattern p, String text, List<String> math, String open, String close) {
        Matcher m = p.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String tex = escape(m.group(1).strip());
            String wrapped = open.equals("$$")
                    ? "<span class=\"math display\">$$" + tex + "$$</span>"
                    : "<span class=\"math\">" + open + tex + close + "</span>";
            m.appendReplacement(out, "GRADLABMATH" + math.size() + "X");
            math.add(wrapped);
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
