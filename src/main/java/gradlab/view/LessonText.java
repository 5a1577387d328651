package gradlab.view;

import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Block;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.ListBlock;
import org.commonmark.node.Node;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.IncludeSourceSpans;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

import gradlab.lab.LessonFigures;
import gradlab.lab.LessonFileException;
import gradlab.lab.Quantity;

/**
 * A lesson's Markdown as HTML. Lesson text is never trusted as HTML: raw HTML in it is
 * escaped, and link targets are sanitised. Math ($…$ inline, $$…$$ display) is read by the
 * Markdown parser itself ({@link MathInlineParser}), so Markdown never touches its underscores
 * and backslashes, and nothing the text says can put maths where HTML cannot go. A placeholder
 * ({{mean-error.angleDegrees}}) becomes its value as the page formats it: plain text in prose,
 * \text{…} inside math, so that KaTeX sets "35°" or "−0.3426" as it reads.
 *
 * <p>Lessons render their text once, when they are read; a text outside {@link MarkdownBounds}
 * is refused with its line then, so that no text costs a request seconds or a stack.
 */
public final class LessonText {
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true)
            .nodeRendererFactory(context -> new PreparedHtml.Renderer(context.getWriter())).build();

    private static final Set<Class<? extends Block>> BLOCKS = Set.of(Heading.class, FencedCodeBlock.class,
            ThematicBreak.class, BlockQuote.class, ListBlock.class, IndentedCodeBlock.class);

    private LessonText() {
    }

    /** Markdown without figures: a placeholder stays as written. */
    public static String html(String markdown) {
        return html(markdown, 1, (UnaryOperator<String>) null, "");
    }

    /** A text with figures and no preset: a link to the lab opens its defaults. */
    public static String html(String markdown, LessonFigures figures) {
        return html(markdown, 1, figures, "");
    }

    /** A lesson's text, its placeholders filled from the lesson's figures, its links to the lab opening the preset. */
    public static String html(String markdown, LessonFigures figures, String preset) {
        return html(markdown, 1, figures, preset);
    }

    /**
     * A lesson's text, its placeholders filled from the lesson's figures. A link to the lab
     * ({@code /lab}, or a section of it as {@code /lab#training}) opens the lesson's preset there.
     *
     * @param firstLine the file's line on which {@code markdown} starts, for messages
     * @param preset    the lesson's lab parameters as a query string
     * @throws LessonFileException with the file's line, for a text outside the bounds
     */
    public static String html(String markdown, int firstLine, LessonFigures figures, String preset) {
        return html(markdown, firstLine, name -> {
            Quantity q = LessonFigures.quantity(name);
            return QuantityFormat.text(q, figures.value(q));
        }, preset);
    }

    /** {@code figure} turns a placeholder's name into its text; null leaves placeholders as written. */
    private static String html(String markdown, int firstLine, UnaryOperator<String> figure, String preset) {
        MarkdownBounds.checkText(markdown, firstLine);
        Parser.Builder parser = Parser.builder()
                .customInlineContentParserFactory(new MathInlineParser(figure))
                .includeSourceSpans(IncludeSourceSpans.BLOCKS_AND_INLINES)
                // HTML is shown as text either way; an HTML block's opening line is matched by a regular
                // expression that recurses once per attribute, so it is read as a paragraph instead
                .enabledBlockTypes(BLOCKS)
                // the lines were checked; this only makes sure the parser itself never nests deeper
                .maxOpenBlockParsers(2 * MarkdownBounds.MAX_NESTING + 2);
        if (figure != null) {
            parser.customInlineContentParserFactory(new FigureInlineParser(figure));
        }
        Node document = parser.build().parse(markdown);
        MarkdownBounds.checkParsed(document, firstLine);
        document.accept(new LabLinks(preset));
        return RENDERER.render(document);
    }

    /** Points each link to the lab, or to a section of it, at the lesson's preset. */
    private static final class LabLinks extends AbstractVisitor {
        private final String preset;

        LabLinks(String preset) {
            this.preset = preset;
        }

        @Override
        public void visit(Link link) {
            String to = link.getDestination();
            if (to.equals(Paths.LAB) || to.startsWith(Paths.LAB + "#")) {
                link.setDestination(Paths.withQuery(Paths.LAB, preset) + to.substring(Paths.LAB.length()));
            }
            visitChildren(link);
        }
    }

    /** Every placeholder replaced by {@code text} of its name. */
    static String fill(String s, UnaryOperator<String> text) {
        Matcher m = LessonFigures.PLACEHOLDER.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(text.apply(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
