package gradlab.view;

import java.util.ArrayDeque;
import java.util.Deque;

import org.commonmark.node.Block;
import org.commonmark.node.Node;
import org.commonmark.node.SourceSpan;

import gradlab.lab.LessonFileException;

/**
 * The bounds within which a lesson's Markdown is rendered in bounded time and stack, each
 * refused with its line. The Markdown parser and renderer recurse once per level of nesting
 * (250 000 "&gt;" overflowed the stack), and within a paragraph some of the parser's work grows
 * with the square of its length (83 000 "&lt;a " took seconds per "&lt;"): so nesting is
 * bounded, and so are a paragraph's length and a word's.
 */
final class MarkdownBounds {
    /** Levels of block quotes and lists on a line; of emphasis, links and images in a paragraph. */
    static final int MAX_NESTING = 16;
    /** Characters in a run of lines with no blank line between them (the parser's paragraph at most). */
    static final int MAX_PARAGRAPH = 4 * 1024;
    /**
     * Characters without a space between them: the parser matches an e-mail address (between
     * "&lt;" and "&gt;") with a regular expression that recurses once per dot.
     */
    static final int MAX_WORD = 1000;

    private MarkdownBounds() {
    }

    /**
     * Reads the text line by line, before the parser sees it.
     *
     * @param firstLine the file's line on which {@code markdown} starts, for messages
     * @throws LessonFileException at the first line past a bound
     */
    static void checkText(String markdown, int firstLine) {
        int paragraph = 0;
        int paragraphStart = 0;
        int line = firstLine;
        int from = 0;
        while (from <= markdown.length()) {
            int end = markdown.indexOf('\n', from);
            if (end < 0) {
                end = markdown.length();
            }
            if (isBlank(markdown, from, end)) {
                paragraph = 0;
            } else {
                int depth = blockDepth(markdown, from, end);
                if (depth > MAX_NESTING) {
                    throw new LessonFileException(line, "block quotes and lists nest " + depth + " levels deep here; "
                            + "at most " + MAX_NESTING);
                }
                int word = longestWord(markdown, from, end);
                if (word > MAX_WORD) {
                    throw new LessonFileException(line, "a word here runs " + word + " characters without a space; "
                            + "at most " + MAX_WORD);
                }
                if (paragraph == 0) {
                    paragraphStart = line;
                }
                paragraph += end - from + 1;
                if (paragraph > MAX_PARAGRAPH) {
                    throw new LessonFileException(line, "the paragraph from line " + paragraphStart + " is longer "
                            + "than " + MAX_PARAGRAPH + " characters; a blank line ends a paragraph");
                }
            }
            from = end + 1;
            line++;
        }
    }

    /**
     * The parsed text's emphasis, links and images, nested within a paragraph or heading. Walked
     * with a stack of its own, since the renderer's recursion is what this protects.
     *
     * @throws LessonFileException at the line where the nesting passes the bound
     */
    static void checkParsed(Node document, int firstLine) {
        Deque<Node> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(document);
        depths.push(0);
        while (!nodes.isEmpty()) {
            Node node = nodes.pop();
            int depth = depths.pop();
            if (depth > MAX_NESTING) {
                throw new LessonFileException(firstLine + lineIndex(node), "emphasis, links and images nest more "
                        + "than " + MAX_NESTING + " levels deep here");
            }
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                nodes.push(child);
                // a block's depth is bounded line by line; inlines count from their paragraph
                depths.push(child instanceof Block ? 0 : depth + 1);
            }
        }
    }

    /**
     * An upper bound on the containers a line opens: each "&gt;" and list marker at its start,
     * and its indentation (a nested list item is indented at least two columns per level). A
     * line that opens none (prose, code) nests nothing, however far it is indented.
     */
    static int blockDepth(String text, int from, int end) {
        int i = from;
        int indent = 0;
        while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            indent += text.charAt(i) == '\t' ? 4 : 1;
            i++;
        }
        int markers = 0;
        while (i < end) {
            int next = marker(text, i, end);
            if (next < 0) {
                break;
            }
            markers++;
            i = next;
            while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
        }
        return markers == 0 ? 0 : markers + indent / 2;
    }

    /** After a container marker at {@code i} ("&gt;", "-", "+", "*", "1." or "1)" and a space), or -1. */
    private static int marker(String text, int i, int end) {
        char c = text.charAt(i);
        if (c == '>') {
            return i + 1;
        }
        int after;
        if (c == '-' || c == '+' || c == '*') {
            after = i + 1;
        } else {
            int j = i;
            while (j < end && j - i < 9 && Character.isDigit(text.charAt(j)) && text.charAt(j) < 128) {
                j++;
            }
            if (j == i || j >= end || (text.charAt(j) != '.' && text.charAt(j) != ')')) {
                return -1;
            }
            after = j + 1;
        }
        return after == end || text.charAt(after) == ' ' || text.charAt(after) == '\t' ? after : -1;
    }

    private static int longestWord(String text, int from, int end) {
        int longest = 0;
        int word = 0;
        for (int i = from; i < end; i++) {
            word = Character.isWhitespace(text.charAt(i)) ? 0 : word + 1;
            longest = Math.max(longest, word);
        }
        return longest;
    }

    /** Blank as the parser sees it: spaces and tabs only (any other space would continue a paragraph). */
    private static boolean isBlank(String text, int from, int end) {
        for (int i = from; i < end; i++) {
            if (text.charAt(i) != ' ' && text.charAt(i) != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The 0-based line of the body a node starts on: its own, else its nearest ancestor's with one. */
    private static int lineIndex(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.getSourceSpans().isEmpty()) {
                SourceSpan span = n.getSourceSpans().get(0);
                return span.getLineIndex();
            }
        }
        return 0;
    }
}
