package gradlab.view;

import java.util.Set;
import java.util.function.UnaryOperator;

import org.commonmark.parser.beta.InlineContentParser;
import org.commonmark.parser.beta.InlineContentParserFactory;
import org.commonmark.parser.beta.InlineParserState;
import org.commonmark.parser.beta.ParsedInline;
import org.commonmark.parser.beta.Position;
import org.commonmark.parser.beta.Scanner;

/**
 * Maths in a lesson's Markdown, read as part of the Markdown: {@code $$…$$} (display, may span
 * the lines of its paragraph) and {@code $…$} (inline, on one line, no space just inside the
 * dollars, so "5 $ and 6 $" stays text). Being an inline of the parser, maths is only found
 * where text is: never in a code span, a link's address or title, or an HTML tag, and its
 * underscores and backslashes never reach Markdown. Each becomes a span of class "math" (and
 * "display") holding its escaped TeX between TeX's delimiters, {@code \(…\)} or {@code $$…$$},
 * which a reader without JavaScript sees and static/math.js strips before KaTeX typesets it.
 */
final class MathInlineParser implements InlineContentParserFactory {
    /** A placeholder's name to its text inside maths; null leaves placeholders as written. */
    private final UnaryOperator<String> figure;

    MathInlineParser(UnaryOperator<String> figure) {
        this.figure = figure;
    }

    @Override
    public Set<Character> getTriggerCharacters() {
        return Set.of('$');
    }

    @Override
    public InlineContentParser create() {
        return this::tryParse;
    }

    private ParsedInline tryParse(InlineParserState state) {
        Scanner s = state.scanner();
        Position start = s.position();
        s.next();
        if (s.peek() == '$') {
            s.next();
            return display(s, start);
        }
        return inline(s, start);
    }

    /** After "$$": at least one character, then the first "$$". Each "$$" ends at most one search, so this stays linear. */
    private ParsedInline display(Scanner s, Position start) {
        Position from = s.position();
        if (!s.hasNext()) {
            return ParsedInline.none();
        }
        s.next();
        while (s.hasNext()) {
            Position at = s.position();
            char c = s.peek();
            s.next();
            if (c == '$' && s.peek() == '$') {
                s.next();
                String tex = s.getSource(from, at).getContent();
                return parsed(s, start, "<span class=\"math display\">$$" + tex(tex) + "$$</span>");
            }
        }
        return ParsedInline.none();
    }

    /** After "$": no space or "$" next, then the first "$" on the line, with no space before it. */
    private ParsedInline inline(Scanner s, Position start) {
        Position from = s.position();
        char first = s.peek();
        if (first == '$' || first == Scanner.END || isSpace(first)) {
            return ParsedInline.none();
        }
        char previous = first;
        s.next();
        while (true) {
            char c = s.peek();
            if (c == Scanner.END || c == '\n') {
                return ParsedInline.none();
            }
            if (c == '$') {
                if (isSpace(previous)) {
                    return ParsedInline.none();
                }
                String tex = s.getSource(from, s.position()).getContent();
                s.next();
                return parsed(s, start, "<span class=\"math\">\\(" + tex(tex) + "\\)</span>");
            }
            previous = c;
            s.next();
        }
    }

    private ParsedInline parsed(Scanner s, Position start, String html) {
        return ParsedInline.of(new PreparedHtml(html, s.getSource(start, s.position()).getContent()), s.position());
    }

    /** The TeX as written, its placeholders set as text, escaped for HTML. */
    private String tex(String written) {
        String tex = written.strip();
        if (figure != null) {
            tex = LessonText.fill(tex, name -> inMath(figure.apply(name)));
        }
        return LessonText.escape(tex);
    }

    /** A value inside math: as text, with TeX's comment sign escaped ("60 %"). */
    private static String inMath(String value) {
        return "\\text{" + value.replace("%", "\\%") + "}";
    }

    /** What the regular expression {@code \s} calls a space. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
