package gradlab.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import gradlab.lab.Lesson;
import gradlab.lab.LessonParts;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;

/**
 * An instructor's folder of hostile lesson files (issue 13): each is refused at start-up with
 * its file and line, in bounded time, and the other lessons still load.
 */
class HostileLessonFilesTest {
    /** Nine lines of front matter, a blank line: a body's first hostile line is line 11. */
    private static String lesson(String id, String body) {
        return "---\nid: " + id + "\ntitle: T\nsummary: s\ndata: xor\nhidden: 4\nloss: bce\nhide: seed\n---\n\n" + body;
    }

    @TempDir
    Path folder;

    @Test
    void eachHostileFileIsReportedWithFileAndLineQuicklyAndTheOthersLoad() throws IOException {
        StringBuilder deepList = new StringBuilder();
        for (int level = 0; level < 20; level++) {
            deepList.append("  ".repeat(level)).append("- x\n");
        }
        Map<String, String> hostile = Map.of(
                "quotes.md", lesson("quotes", ">".repeat(250_000) + " x\n"),
                "tags.md", lesson("tags", "<a ".repeat(83_000) + "\n"),
                "huge.md", lesson("huge", ("A line of text. ".repeat(6) + "\n\n").repeat(11_000)),
                "deep-list.md", lesson("deep-list", deepList.toString()),
                "emphasis.md", lesson("emphasis", "*a ".repeat(40) + "b" + " a*".repeat(40) + "\n"),
                "long-word.md", lesson("long-word", "See <a@" + "b.".repeat(4_000) + "c>.\n"));
        for (Map.Entry<String, String> e : hostile.entrySet()) {
            Files.writeString(folder.resolve(e.getKey()), e.getValue());
        }
        Files.writeString(folder.resolve("good.md"), lesson("good", "Hello $J$.\n"));
        assertTrue(Files.size(folder.resolve("huge.md")) > 1_000_000, "a 1 MB body");

        long start = System.nanoTime();
        Lessons lessons = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> Lessons.load(true, folder, Limits.DEFAULT, LessonText::html));
        long millis = (System.nanoTime() - start) / 1_000_000;

        Map<String, Integer> line = Map.of("quotes.md", 11, "tags.md", 11, "huge.md", 1, "deep-list.md", 27,
                "emphasis.md", 11, "long-word.md", 11);
        Map<String, Lessons.Problem> problems = lessons.problems().stream()
                .collect(Collectors.toMap(Lessons.Problem::file, p -> p));
        assertEquals(line.keySet(), problems.keySet(), lessons.problems().toString());
        line.forEach((file, at) -> assertEquals(at, problems.get(file).line(), problems.get(file).toString()));
        assertTrue(problems.get("quotes.md").message().contains("nest"), problems.get("quotes.md").toString());
        assertTrue(problems.get("huge.md").message().contains("256 KiB"), problems.get("huge.md").toString());
        assertEquals(Lessons.BUILT_IN.size() + 1, lessons.all().size(), "the built-ins and the good file load");
        assertTrue(lessons.find("good").orElseThrow().html().contains("<span class=\"math\">\\(J\\)</span>"));
        assertTrue(millis < 15_000, "the whole load took " + millis + " ms");
    }

    @Test
    void aLessonAtTheBoundsStillRenders() throws IOException {
        StringBuilder list = new StringBuilder();
        for (int level = 0; level < MarkdownBounds.MAX_NESTING; level++) {
            list.append("  ".repeat(level)).append("- x\n");
        }
        String nested = "*a ".repeat(MarkdownBounds.MAX_NESTING - 1) + "b" + " a*".repeat(MarkdownBounds.MAX_NESTING - 1);
        String paragraph = "word ".repeat(MarkdownBounds.MAX_PARAGRAPH / 5 - 1);
        Files.writeString(folder.resolve("edge.md"), lesson("edge", list + "\n" + nested + "\n\n" + paragraph + "\n"));
        Lessons lessons = Lessons.load(false, folder, Limits.DEFAULT, LessonText::html);
        assertEquals(List.of(), lessons.problems());
        assertEquals(MarkdownBounds.MAX_NESTING, lessons.find("edge").orElseThrow().html().split("<ul>", -1).length - 1);
    }

    @Test
    void thePageEmbedsTheTextRenderedWhenTheLessonWasRead() {
        Lessons lessons = Lessons.load(true, null, Limits.DEFAULT, LessonText::html);
        for (Lesson l : lessons.all()) {
            String page = LessonPage.answered(l, Map.of(), Limits.DEFAULT, null, null);
            // in three parts: the text before the questions, the text after them, and its "What to look for"
            // beside the lab
            int at = l.htmlAfter().indexOf("<h2>What to look for</h2>");
            assertTrue(at > 0, l.id());
            assertTrue(page.contains("<div class=\"lesson-text\">" + l.html() + "</div>"), l.id());
            assertTrue(page.contains("<div class=\"lesson-text\">" + l.htmlAfter().substring(0, at) + "</div>"), l.id());
            assertTrue(page.contains("<div class=\"lesson-text\">" + l.htmlAfter().substring(at) + "</div>"), l.id());
            LessonParts parts = LessonParts.of(l.body(), 1, l.asks());
            assertEquals(LessonText.html(parts.before(), l.figures(), l.preset()), l.html(), l.id());
            assertEquals(LessonText.html(parts.after(), l.figures(), l.preset()), l.htmlAfter(), l.id());
        }
        assertEquals(Set.of(), Set.copyOf(lessons.problems()));
    }
}
