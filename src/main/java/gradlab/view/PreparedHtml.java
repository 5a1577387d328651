package gradlab.view;

import java.util.Set;

import org.commonmark.node.CustomNode;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlWriter;

/**
 * A piece of a lesson's text that the lesson text has already turned into escaped HTML (a
 * maths span, a figure's value), so the Markdown renderer writes it as it is. It is a node of
 * the parsed text, never a marker in the Markdown, so the lesson's own words cannot forge or
 * move one. Its child is the source as written: where HTML cannot go (an image's alt text),
 * that text is what shows, escaped.
 */
final class PreparedHtml extends CustomNode {
    private final String html;

    PreparedHtml(String html, String source) {
        this.html = html;
        appendChild(new Text(source));
    }

    String html() {
        return html;
    }

    /** Writes a prepared node's HTML. */
    static final class Renderer implements NodeRenderer {
        private final HtmlWriter writer;

        Renderer(HtmlWriter writer) {
            this.writer = writer;
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(PreparedHtml.class);
        }

        @Override
        public void render(Node node) {
            writer.raw(((PreparedHtml) node).html());
        }
    }
}
