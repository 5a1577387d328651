package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import gradlab.view.LessonText;

/** Lesson files: the good ones load, each broken one is reported with its name and line and skipped. */
class LessonsTest {
    private static final String GOOD = """
            ---
            id: my-first
            title: My own lesson
            summary: copied and changed
            data: xor
            hidden: 4
            loss: bce
            hide: seed,noise
            ---

            # Mine

            Hello $J$.
            """;

    @TempDir
    Path folder;

    private void write(String name, String text) throws IOException {
        Files.writeString(folder.resolve(name), text);
    }

    @Test
    void everyBuiltInLessonLoads() {
        Lessons lessons = Lessons.load(true, null, Limits.DEFAULT, LessonText::html);
        assertEquals(List.of(), lessons.problems());
        assertEquals(Lessons.BUILT_IN.size(), lessons.all().size());
        for (Lesson l : lessons.all()) {
            assertTrue(Lessons.ID.matcher(l.id()).matches(), l.id());
            assertFalse(l.body().isBlank(), l.id());
            assertTrue(l.body().contains("## Try this") && l.body().contains("## What to look for"), l.id());
            assertTrue(l.body().contains("$"), l.id() + " has maths");
            // a lesson that asks first shows only the text before its questions: it has maths too
            assertTrue(l.html().contains("class=\"math"), l.id() + " has maths before its questions");
        }
    }

    @Test
    void aGoodFileLoadsWithItsPresetAndHiddenControls() throws IOException {
        write("mine.md", GOOD);
        Lessons lessons = Lessons.load(false, folder, Limits.DEFAULT, LessonText::html);
        assertEquals(List.of(), lessons.problems());
        Lesson l = lessons.find("my-first").orElseThrow();
        assertEquals("data=xor&hidden=4&loss=bce", l.preset());
        assertEquals(List.of(4), l.spec().hidden());
        assertEquals(Set.of("seed", "noise"), l.hidden());
        assertTrue(l.body().contains("Hello $J$."));
    }

    @Test
    void aFolderAddsToTheBuiltInsAndReplacesOneWithTheSameId() throws IOException {
        write("a.md", GOOD);
        write("b.md", GOOD.replace("id: my-first", "id: intro").replace("My own lesson", "Our intro"));
        Lessons lessons = Lessons.load(true, folder, Limits.DEFAULT, LessonText::html);
        assertEquals(Lessons.BUILT_IN.size() + 1, lessons.all().size());
        assertEquals("Our intro", lessons.find("intro").orElseThrow().title());
        assertEquals(2, Lessons.load(false, folder, Limits.DEFAULT, LessonText::html).all().size(), "only the folder's");
    }

    @Test
    void everyBrokenFileIsReportedWithNameAndLineAndSkipped() throws IOException {
        Map<String, String> broken = Map.of(
                "no-front-matter.md", "# Just text\n",
                "unknown-key.md", GOOD.replace("loss: bce", "colour: blue"),
                "bad-value.md", GOOD.replace("hidden: 4", "hidden: 99"),
                "bad-id.md", GOOD.replace("id: my-first", "id: ../../etc"),
                "no-title.md", GOOD.replace("title: My own lesson\n", ""),
                "unclosed.md", "---\nid: x\ntitle: t\nsummary: s\n",
                "not-key-value.md", GOOD.replace("loss: bce", "just words"),
                "hide-unknown.md", GOOD.replace("hide: seed,noise", "hide: seed,colour"),
                "twice.md", GOOD.replace("loss: bce", "loss: bce\nloss: mse"),
                "z-taken.md", GOOD);
        for (Map.Entry<String, String> e : broken.entrySet()) {
            write(e.getKey(), e.getValue());
        }
        write("a-good.md", GOOD);
        Lessons lessons = Lessons.load(false, folder, Limits.DEFAULT, LessonText::html);
        assertEquals(List.of("my-first"), lessons.all().stream().map(Lesson::id).toList());
        Map<String, Integer> expectedLine = Map.of(
                "no-front-matter.md", 1, "unknown-key.md", 7, "bad-value.md", 6, "bad-id.md", 2, "no-title.md", 8,
                "unclosed.md", 5, "not-key-value.md", 7, "hide-unknown.md", 8, "twice.md", 8, "z-taken.md", 2);
        for (Map.Entry<String, Integer> e : expectedLine.entrySet()) {
            Lessons.Problem p = lessons.problems().stream().filter(x -> x.file().equals(e.getKey())).findFirst()
                    .orElseThrow(() -> new AssertionError(e.getKey() + " is not reported: " + lessons.problems()));
            assertEquals(e.getValue(), p.line(), p.toString());
            assertTrue(p.toString().startsWith(e.getKey() + ":" + e.getValue() + ": "), p.toString());
        }
        assertEquals(expectedLine.size(), lessons.problems().size(), lessons.problems().toString());
        assertTrue(lessons.problems().stream().anyMatch(p -> p.message().contains("hidden")), "the bad value's rule");
    }

    @Test
    void aFolderThatCannotBeReadIsAProblemNotACrash() {
        Lessons lessons = Lessons.load(true, folder.resolve("missing"), Limits.DEFAULT, LessonText::html);
        assertEquals(Lessons.BUILT_IN.size(), lessons.all().size());
        assertEquals(1, lessons.problems().size());
    }
}
