package gradlab.view;

import java.io.IOException;
import java.io.UncheckedIOException;

import j2html.Config;
import j2html.rendering.FlatHtml;
import j2html.tags.DomContent;

/**
 * Writes j2html's trees as text. Every page, fragment and chart is written here, with an
 * escaper that gives exactly j2html's text but returns a value that needs no escaping as it
 * is, as most of a page's values are (a chart's thousands of coordinates), and into a buffer
 * of a page's size. The charts' SVG elements write themselves through the same escaper.
 */
public final class Html {
    private static final Config CONFIG = Config.defaults().withTextEscaper(Html::escape);
    /** A lab page is about 40 000 characters: the buffer grows rarely. */
    private static final int CAPACITY = 1 << 16;
    /** A stream's rows or charts: a few thousand characters to some ten thousand. */
    private static final int FRAGMENT_CAPACITY = 1 << 12;

    /** The five characters, as bits of a word: each is below 64. */
    private static final long SPECIAL = 1L << '<' | 1L << '>' | 1L << '&' | 1L << '"' | 1L << '\'';

    private Html() {
    }

    /** A whole document: the doctype, then the html element. */
    public static String document(DomContent html) {
        return write(new StringBuilder(CAPACITY).append("<!DOCTYPE html>"), html);
    }

    /** A fragment or an element alone. */
    public static String render(DomContent content) {
        return write(new StringBuilder(FRAGMENT_CAPACITY), content);
    }

    private static String write(StringBuilder out, DomContent content) {
        try {
            content.render(FlatHtml.into(out, CONFIG));
        } catch (IOException e) {
            // a StringBuilder does not throw
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * The same text as j2html's {@code EscapeUtil.escape}: &amp;, &lt;, &gt;, &quot; and
     * &#x27; for the five characters that need it; the value itself when it has none of them.
     */
    static String escape(String s) {
        if (s == null) {
            return null;
        }
        int plain = plainPrefix(s);
        if (plain == s.length()) {
            return s;
        }
        return escapeFrom(s, plain, new StringBuilder(s.length() + 16).append(s, 0, plain)).toString();
    }

    /** Appends s escaped as {@link #escape(String)} escapes it, without a string of its own. */
    public static StringBuilder escape(String s, StringBuilder out) {
        int plain = plainPrefix(s);
        if (plain == s.length()) {
            return out.append(s);
        }
        return escapeFrom(s, plain, out.append(s, 0, plain));
    }

    /** The length of s's start that needs no escaping. */
    private static int plainPrefix(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && !special(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /** Appends s from {@code from} on, each of the five characters as its entity. */
    private static StringBuilder escapeFrom(String s, int from, StringBuilder out) {
        for (int i = from; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#x27;");
                default -> out.append(ch);
            }
        }
        return out;
    }

    private static boolean special(char ch) {
        return ch < 64 && (SPECIAL >>> ch & 1) != 0;
    }
}
