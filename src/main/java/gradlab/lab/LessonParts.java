package gradlab.lab;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lesson's text cut where its questions are asked (DESIGN, "Predict, then see"). Until the
 * student commits a guess or skips, the page holds only the part before, so that the part after
 * cannot give the answer away; the lessons render the two parts apart, when they are read.
 *
 * <p>The place is the line {@value #MARKER}, alone on its line. Without it, the questions go
 * right before the first "## " heading that follows the opening text (the text's own, once the
 * reader knows what the lesson is about, before any section explains it), or after the whole text
 * when no heading follows.
 *
 * @param before    the Markdown before the questions: the whole text for a lesson that asks none
 * @param after     the Markdown after them: "" for a lesson that asks none
 * @param afterLine the file's line on which {@code after} starts
 */
public record LessonParts(String before, String after, int afterLine) {
    /** The line that marks where a lesson's questions go. */
    public static final String MARKER = "{{predict}}";
    /** The marker's name between the braces; {@link LessonFigures} reads every other name as a quantity. */
    static final String NAME = "predict";
    private static final Pattern MARKER_LINE = Pattern.compile("\\{\\{\\s*" + NAME + "\\s*\\}\\}");

    /**
     * Cuts a lesson's text.
     *
     * @param body      the Markdown after the front matter
     * @param firstLine the file's line on which {@code body} starts, for messages
     * @param asks      whether the front matter lists questions (predict:)
     * @throws LessonFileException at the marker's line: given twice, or given in a lesson that asks nothing
     */
    public static LessonParts of(String body, int firstLine, boolean asks) {
        String[] lines = body.split("\n", -1);
        int marker = -1;
        for (int i = 0; i < lines.length; i++) {
            if (isMarker(lines[i])) {
                if (marker >= 0) {
                    throw new LessonFileException(firstLine + i, MARKER + " is given twice (first on line "
                            + (firstLine + marker) + "); the questions are asked at one place");
                }
                marker = i;
            }
        }
        if (!asks) {
            if (marker >= 0) {
                throw new LessonFileException(firstLine + marker, MARKER + " marks where the questions go, but the "
                        + "front matter asks none: list them with predict: (such as predict: mean-error.angleDegrees), "
                        + "or remove the line");
            }
            return new LessonParts(body, "", firstLine + lines.length);
        }
        int cut = marker >= 0 ? marker : defaultPlace(lines);
        int resume = marker >= 0 ? marker + 1 : cut;
        String after = join(lines, resume, lines.length);
        return new LessonParts(join(lines, 0, cut), after.isBlank() ? "" : after, firstLine + resume);
    }

    /** Whether a line is the marker, alone on it. */
    static boolean isMarker(String line) {
        return MARKER_LINE.matcher(line.strip()).matches();
    }

    /**
     * Checks that the text before the questions quotes no number of a procedure they ask about:
     * {{mean-error.cosine}} before a question on mean-error's angle would give its answer away.
     *
     * @param firstLine the file's line on which the body starts
     * @throws LessonFileException at the placeholder's line
     */
    void checkNothingGivenAway(List<Question> questions, int firstLine) {
        Matcher m = LessonFigures.PLACEHOLDER.matcher(before);
        while (m.find()) {
            String name = m.group(1).strip();
            if (name.equals(NAME)) {
                continue;
            }
            Quantity q = LessonFigures.quantity(name);
            boolean asked = questions.stream().anyMatch(x -> x.quantity().procedure() == q.procedure());
            if (asked && q.copy() == null && q.metric().ofComparison()) {
                int line = firstLine + (int) before.substring(0, m.start()).chars().filter(c -> c == '\n').count();
                throw new LessonFileException(line, "{{" + name + "}} quotes " + q.procedure().id() + "'s numbers "
                        + "before the questions ask about them, which gives the answer away: quote it after the line "
                        + MARKER);
            }
        }
    }

    /** Before the first "## " heading that follows text; after everything when none does. Code is skipped. */
    private static int defaultPlace(String[] lines) {
        boolean text = false;
        boolean code = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String stripped = line.strip();
            if (stripped.startsWith("```") || stripped.startsWith("~~~")) {
                code = !code;
            }
            if (code) {
                continue;
            }
            if (line.startsWith("## ") && text) {
                return i;
            }
            if (!stripped.isEmpty() && !stripped.startsWith("#")) {
                text = true;
            }
        }
        return lines.length;
    }

    private static String join(String[] lines, int from, int to) {
        return String.join("\n", Arrays.asList(lines).subList(from, to));
    }
}
