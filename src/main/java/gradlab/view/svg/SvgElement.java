package gradlab.view.svg;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import j2html.rendering.FlatHtml;
import j2html.rendering.HtmlBuilder;
import j2html.tags.DomContent;

import gradlab.view.Html;

/**
 * An SVG element: a name, attributes, and children (elements and text), written exactly as
 * j2html writes {@code tag(name)} with the same attributes and children — every value and text
 * escaped by {@link Html}'s escaper, always a closing tag — but without an object per attribute
 * or a tree of j2html tags: a chart has thousands of attributes, and a page several charts.
 * A page holds it as any other j2html content.
 */
public final class SvgElement extends DomContent {
    private final String name;
    /** Names and values in turn; a null value is written as the name alone, as j2html writes it. */
    private String[] attributes = new String[16];
    private int size;
    /** Elements and texts (as written, escaped when the element is), in order; null until the first. */
    private List<Object> children;

    SvgElement(String name) {
        this.name = name;
    }

    /**
     * Sets an attribute as j2html's {@code attr} does: a name given again keeps its place and
     * takes the new value; a null value adds the name alone.
     */
    public SvgElement attr(String name, Object value) {
        String v = value == null ? null : String.valueOf(value);
        if (v != null) {
            for (int i = 0; i < size; i += 2) {
                if (attributes[i].equals(name)) {
                    attributes[i + 1] = v;
                    return this;
                }
            }
        }
        if (size == attributes.length) {
            attributes = Arrays.copyOf(attributes, 2 * size);
        }
        attributes[size++] = name;
        attributes[size++] = v;
        return this;
    }

    /** Appends a child; null is left out, as j2html leaves it out (a child drawn only sometimes). */
    public SvgElement with(SvgElement child) {
        if (child == this) {
            throw new IllegalArgumentException("an element cannot hold itself");
        }
        if (child != null) {
            add(child);
        }
        return this;
    }

    public SvgElement with(SvgElement... children) {
        for (SvgElement child : children) {
            with(child);
        }
        return this;
    }

    public SvgElement with(Iterable<SvgElement> children) {
        for (SvgElement child : children) {
            with(child);
        }
        return this;
    }

    /** Appends text, escaped when written (null is written "null", as j2html writes it). */
    public SvgElement withText(String text) {
        add(String.valueOf(text));
        return this;
    }

    private void add(Object child) {
        if (children == null) {
            children = new ArrayList<>();
        }
        children.add(child);
    }

    /** Writes this element and its children. */
    public StringBuilder write(StringBuilder out) {
        out.append('<').append(name);
        for (int i = 0; i < size; i += 2) {
            out.append(' ').append(attributes[i]);
            if (attributes[i + 1] != null) {
                Html.escape(attributes[i + 1], out.append("=\"")).append('"');
            }
        }
        out.append('>');
        if (children != null) {
            for (Object child : children) {
                if (child instanceof SvgElement element) {
                    element.write(out);
                } else {
                    Html.escape((String) child, out);
                }
            }
        }
        return out.append("</").append(name).append('>');
    }

    /**
     * Writes straight into a flat builder's text (which is all the builder would do with it);
     * any other builder is given the element as text that needs no escaping.
     */
    @Override
    public <T extends Appendable> T render(HtmlBuilder<T> builder, Object model) throws IOException {
        if (builder instanceof FlatHtml && builder.output() instanceof StringBuilder out) {
            write(out);
        } else {
            builder.appendUnescapedText(write(new StringBuilder()).toString());
        }
        return builder.output();
    }
}
