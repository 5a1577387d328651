package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

/** The front-matter block on its own: entries in order with their lines, and each way a block is broken. */
class FrontMatterTest {
    private static final Predicate<String> KNOWN = Set.of("id", "title", "data")::contains;
    private static final String KEYS = "the keys are id, title, data";

    private static FrontMatter read(String text) {
        return FrontMatter.read(text, KNOWN, KEYS);
    }

    private static LessonFileException broken(String text) {
        return assertThrows(LessonFileException.class, () -> read(text));
    }

    @Test
    void entriesKeepTheirOrderValuesAndLinesPastBlankAndCommentLines() {
        FrontMatter f = read("---\ndata:  xor \n\n# a comment\n  \ntitle: A: b\nid:\n---\nbody line\nsecond");
        assertEquals(List.of(new FrontMatter.Entry("data", "xor", 2), new FrontMatter.Entry("title", "A: b", 6),
                new FrontMatter.Entry("id", "", 7)), f.entries());
        assertEquals(8, f.closeLine());
        assertEquals("body line\nsecond", f.body());
        assertEquals("xor", f.value("data"));
        assertEquals("", f.value("summary"), "a key the block does not give");
        assertEquals(6, f.get("title").orElseThrow().line());
    }

    @Test
    void windowsLineEndingsCountTheSameLines() {
        FrontMatter f = read("---\r\nid: a\r\n\r\ndata: xor\r\n---\r\ntext\r\n");
        assertEquals(4, f.get("data").orElseThrow().line());
        assertEquals(5, f.closeLine());
        assertEquals("text\n", f.body());
    }

    @Test
    void aTextThatDoesNotOpenWithTheBlockIsRefusedAtLineOne() {
        LessonFileException e = broken("# Just text\n---\n");
        assertEquals(1, e.line());
        assertEquals("a lesson starts with a front-matter block: a line \"---\", key: value lines, and another \"---\"",
                e.getMessage());
    }

    @Test
    void aMissingClosingLineIsReportedAtTheLastLine() {
        LessonFileException e = broken("---\nid: x\ntitle: t\n");
        assertEquals(4, e.line(), "the text ends on line 4, after the last newline");
        assertEquals("the front-matter block has no closing \"---\" line", e.getMessage());
    }

    @Test
    void aLineWithoutKeyAndColonIsReportedWithItsText() {
        LessonFileException e = broken("---\nid: x\n\njust words\n---\n");
        assertEquals(4, e.line());
        assertEquals("expected \"key: value\", got \"just words\"", e.getMessage());
        assertEquals(2, broken("---\n: no key\n---\n").line(), "a colon first is no key");
    }

    @Test
    void anUnknownKeyNamesTheKeysThereAre() {
        LessonFileException e = broken("---\nid: x\ncolour: blue\n---\n");
        assertEquals(3, e.line());
        assertEquals("unknown key \"colour\"; the keys are id, title, data", e.getMessage());
    }

    @Test
    void aKeyGivenTwiceIsReportedAtItsSecondLine() {
        LessonFileException e = broken("---\ndata: xor\nid: x\n\ndata: line\n---\n");
        assertEquals(5, e.line());
        assertEquals("data is given twice", e.getMessage());
    }
}
