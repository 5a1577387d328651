package gradlab.lab;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One lesson: its text (Markdown with math) and its lab preset, read from a plain file.
 *
 * @param id       the address, /lesson/{id}
 * @param title    the title
 * @param summary  one sentence for the gallery
 * @param preset   the lab parameters the file gives, as a query string in the file's order
 * @param spec     the preset, parsed
 * @param hidden   the lab controls the class does not see (their values stay as the preset fixes them)
 * @param body     the Markdown text
 * @param source   the file it came from, for messages
 * @param figures  the numbers its text quotes by placeholder, computed from the preset
 * @param comparison the preset's comparison, as the lesson's lab shows it
 * @param html     the text before the questions as the page shows it, rendered once when the lesson
 *                 was read: the whole text for a lesson that asks none
 * @param questions the predictions it asks for before the comparison is shown, in the file's order
 * @param htmlAfter the text after the questions, rendered likewise, which the page holds only once the
 *                 student has committed a guess or skipped (see {@link LessonParts}); "" without questions
 */
public record Lesson(String id, String title, String summary, String preset, LabSpec spec, Set<String> hidden,
                     String body, String source, LessonFigures figures, Comparison comparison, String html,
                     List<Question> questions, String htmlAfter) {
    public Lesson {
        hidden = Set.copyOf(hidden);
        questions = List.copyOf(questions);
    }

    /** The fact a lesson quotes: "> **F3 …" in its text gives F3. */
    private static final Pattern FACT = Pattern.compile("(?m)^>\\s*\\*\\*(F[1-9][0-9]?)\\b");

    /** The code of the fact this lesson demonstrates (F1…), from the fact its text quotes; empty if it quotes none. */
    public Optional<String> fact() {
        Matcher m = FACT.matcher(body);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** Whether it asks for predictions before it shows its comparison. */
    public boolean asks() {
        return !questions.isEmpty();
    }

    /** The question of that name (mean-error.angleDegrees), if the lesson asks it. */
    public Optional<Question> question(String name) {
        return questions.stream().filter(q -> q.name().equals(name)).findFirst();
    }

    /** The lab parameters a lesson's front matter may set, besides id, title, summary, hide and predict. */
    public static List<String> labKeys() {
        return Arrays.stream(Param.values()).filter(Param::inForm).map(Param::id).toList();
    }
}
