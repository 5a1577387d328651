package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every built-in lesson file, read from templates/: its shape as a lesson page expects it. */
class LessonFilesTest {
    private static final List<String> LESSONS = List.of("intro", "f1-covariance", "f2-linear-regression",
            "f3-linear-cost", "f4-batch-of-one", "f5-nonlinear", "f6-level-sets", "f7-accumulation",
            "f8-where-training-stops", "noise-scale", "free-play");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"intro", "f1-covariance", "f2-linear-regression", "f3-linear-cost", "f4-batch-of-one",
            "f5-nonlinear", "f6-level-sets", "f7-accumulation", "f8-where-training-stops", "free-play"})
    void theFileIsAWellFormedLesson(String name) throws IOException {
        String text = Files.readString(Path.of("templates", name + ".md"), StandardCharsets.UTF_8);
        FrontMatter front = FrontMatter.read(text, k -> true, "");
        assertEquals(name, front.value("id"), "the id is the file's name");
        Lesson lesson = LessonLab.lesson(name);
        assertFalse(lesson.title().isBlank(), "a title");
        String summary = lesson.summary();
        assertTrue(summary.endsWith(".") && !summary.substring(0, summary.length() - 1).contains(". "),
                "the summary is one sentence: " + summary);

        List<String> body = List.of(lesson.body().split("\n", -1));
        List<String> headings = body.stream().filter(l -> l.startsWith("#")).toList();
        assertTrue(headings.size() >= 3, "sections: " + headings);
        assertEquals(List.of("## Try this", "## What to look for"), headings.subList(headings.size() - 2, headings.size()),
                "the last two sections");
        assertEquals(1, headings.stream().filter(h -> h.equals("## Try this")).count());
        assertTrue(headings.stream().noneMatch(h -> h.startsWith("# ")), "the page gives the title; no second h1");

        assertTrue(lesson.body().toLowerCase(Locale.ROOT).contains("the lab below"), "the text points to the lab below it");
        assertTrue(lesson.body().contains("$"), "the text has maths");
        assertFalse(Pattern.compile("<[A-Za-z/!?]").matcher(lesson.body()).find(), "no raw HTML (it would be escaped)");
        for (String line : body) {
            if (line.strip().equals("$$")) {
                continue;
            }
            // inline maths stays on one line, and no space follows the opening or precedes the closing $
            String inline = line.replace("$$", "");
            assertEquals(0, inline.chars().filter(ch -> ch == '$').count() % 2, "unpaired $ in: " + line);
            Matcher m = Pattern.compile("\\$([^$]*)\\$").matcher(inline);
            while (m.find()) {
                String tex = m.group(1);
                assertTrue(!tex.isEmpty() && !Character.isWhitespace(tex.charAt(0))
                        && !Character.isWhitespace(tex.charAt(tex.length() - 1)), "inline maths $" + tex + "$");
            }
        }
        int display = (int) body.stream().filter(l -> l.strip().equals("$$")).count();
        assertEquals(0, display % 2, "display maths opens and closes on lines of their own");
    }

    @Test
    void thereAreExactlyTheElevenBuiltInLessons() throws IOException {
        try (var files = Files.list(Path.of("templates"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".md"))
                    .map(n -> n.substring(0, n.length() - 3)).sorted().toList();
            assertEquals(LESSONS.stream().sorted().toList(), names);
        }
        assertEquals(LESSONS, LessonLab.BUILT_IN.all().stream().map(Lesson::id).toList(), "in the gallery's order");
    }

    @Test
    void everyTryThisChangeIsAValidLab() {
        // the changes the "Try this" sections ask for, each one edit of one control
        Map<String, String> changes = Map.ofEntries(Map.entry("intro", "act=identity"),
                Map.entry("f1-covariance", "hidden=4"), Map.entry("f2-linear-regression", "noise=0"),
                Map.entry("f3-linear-cost", "loss=mse"), Map.entry("f4-batch-of-one", "batch=2"),
                Map.entry("f5-nonlinear", "loss=linear"), Map.entry("f6-level-sets", "loss=linear"),
                Map.entry("f7-accumulation", "micro=16,16"), Map.entry("f8-where-training-stops", "hidden="),
                Map.entry("noise-scale", "batch="), Map.entry("free-play", "lr=0.5"));
        assertEquals(Set.copyOf(LESSONS), changes.keySet());
        changes.forEach((name, change) -> {
            try {
                LessonLab.spec(name, change);
            } catch (ValidationException e) {
                fail(name + " with " + change + ": " + e.getMessage());
            }
        });
    }
}
