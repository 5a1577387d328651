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
 * A placeholder in a lesson's prose ({@code {{cost}}}) read as part of the Markdown and
 * replaced by its value, escaped. Only a placeholder written in the text counts (the ones
 * the lessons checked at start-up): an entity cannot make one, and code shows it as written.
 */
final class FigureInlineParser implements InlineContentParserFactory {
    private final UnaryOperator<String> figure;

    /** {@code figure} turns a placeholder's name into its text. */
    FigureInlineParser(UnaryOperator<String> figure) {
        this.figure = figure;
    }

    @Override
    public Set<Character> getTriggerCharacters() {
        return Set.of('{');
    }

    @Override
    public InlineContentParser create() {
        return this::tryParse;
    }

    /** As {@link gradlab.lab.LessonFigures#PLACEHOLDER}: "{{", no brace or line end, "}}". */
    private ParsedInline tryParse(InlineParserState state) {
        Scanner s = state.scanner();
        Position start = s.position();
        if (!s.next("{{")) {
            return ParsedInline.none();
        }
        Position from = s.position();
        while (true) {
            char c = s.peek();
            if (c == '}') {
                String name = s.getSource(from, s.position()).getContent();
                if (!s.next("}}")) {
                    return ParsedInline.none();
                }
                String source = s.getSource(start, s.position()).getContent();
                return ParsedInline.of(new PreparedHtml(LessonText.escape(figure.apply(name)), source), s.position());
            }
            if (c == '{' || c == '\n' || c == Scanner.END) {
                return ParsedInline.none();
            }
            s.next();
        }
    }
}
