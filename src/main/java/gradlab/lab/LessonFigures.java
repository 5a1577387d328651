package gradlab.lab;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import gradlab.engine.Procedure;
import gradlab.engine.Trainer;

/**
 * The numbers a lesson's text quotes, by placeholder ({@code {{mean-error.angleDegrees}}}),
 * computed from its preset when the lessons are read: so a lesson never states a figure that
 * the lab would not show, and a name the preset cannot fill is found at start-up, not by a
 * student. The view formats each value as the page formats that metric. The line
 * {@code {{predict}}} is not a number: it marks where the questions go ({@link LessonParts}).
 *
 * @param values each quantity the text names, with its value for the preset
 */
public record LessonFigures(Map<Quantity, Double> values) {
    /** A placeholder: the name between double braces, on one line. */
    public static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}\\n]*)\\}\\}");

    public static final LessonFigures NONE = new LessonFigures(Map.of());

    public LessonFigures {
        values = Map.copyOf(values);
    }

    /** The value of a quantity the text names. */
    public double value(Quantity q) {
        Double v = values.get(q);
        if (v == null) {
            throw new IllegalArgumentException(q + " is not among this lesson's figures");
        }
        return v;
    }

    /** The quantity a placeholder's text names (the name between the braces, spaces allowed around it). */
    public static Quantity quantity(String between) {
        return Quantity.parse(between.strip());
    }

    /**
     * Reads the placeholders of a lesson's text and takes their values from its preset's
     * comparison, and from its training run when one asks for a final cost.
     *
     * @param firstLine the file's line on which {@code body} starts, for messages
     * @throws LessonFileException at the placeholder's line, for a name that is unknown or that
     *         the preset cannot fill
     */
    static LessonFigures of(String body, int firstLine, Comparison comparison, Limits limits) {
        Map<Quantity, Integer> lines = new LinkedHashMap<>();
        Matcher m = PLACEHOLDER.matcher(body);
        int from = 0;
        int line = firstLine;
        while (m.find()) {
            line += count(body, from, m.start());
            from = m.start();
            if (m.group(1).strip().equals(LessonParts.NAME)) {
                // where the questions go (LessonParts), not a number
                if (!LessonParts.isMarker(lineAt(body, m.start()))) {
                    throw new LessonFileException(line, LessonParts.MARKER + " marks where the questions go and "
                            + "stands alone on its line");
                }
                continue;
            }
            try {
                lines.putIfAbsent(quantity(m.group(1)), line);
            } catch (IllegalArgumentException e) {
                throw new LessonFileException(line, e.getMessage());
            }
        }
        String rest = PLACEHOLDER.matcher(body).replaceAll("");
        int open = rest.indexOf("{{");
        if (open >= 0) {
            throw new LessonFileException(firstLine + count(rest, 0, open), "\"{{\" opens a placeholder, which "
                    + "closes with \"}}\" on the same line: {{mean-error.angleDegrees}}");
        }
        if (lines.isEmpty()) {
            return NONE;
        }
        Trainer.Summary training = lines.keySet().stream().anyMatch(Quantity::needsTraining)
                ? TrainingRun.trainer(comparison.spec(), limits, Uploads.NONE).run(r -> { }, () -> false) : null;
        Map<Quantity, Double> values = new LinkedHashMap<>();
        Map<Procedure, Comparison> ends = new EnumMap<>(Procedure.class);
        lines.forEach((q, at) -> {
            try {
                Comparison measured = q.copy() == null ? comparison
                        : ends.computeIfAbsent(q.copy(), copy -> atTheEnd(q, comparison.spec(), limits));
                values.put(q, q.value(measured, training));
            } catch (IllegalArgumentException e) {
                throw new LessonFileException(at, e.getMessage());
            }
        });
        return new LessonFigures(values);
    }

    /** The comparison at the last step of the quantity's copy: the preset with at=steps and along=copy. */
    private static Comparison atTheEnd(Quantity q, LabSpec preset, Limits limits) {
        if (!Procedures.copies(preset).contains(q.copy())) {
            throw new IllegalArgumentException(q + ": the preset does not train a " + q.copy().id() + " copy; it trains "
                    + LabSpec.ids(Procedures.copies(preset)).replace(",", ", "));
        }
        Map<Param, String> values = preset.values();
        values.put(Param.AT, Integer.toString(preset.steps()));
        values.put(Param.ALONG, q.copy().id());
        try {
            return Comparison.compute(LabSpec.parse(Query.write(values), limits, Uploads.NONE), limits, Uploads.NONE);
        } catch (ValidationException e) {
            // a copy that diverged has no last step to compare at
            throw new IllegalArgumentException(q + ": " + e.getMessage());
        }
    }

    /** The whole line of the text on which this index lies. */
    private static String lineAt(String text, int at) {
        int start = text.lastIndexOf('\n', at - 1) + 1;
        int end = text.indexOf('\n', at);
        return text.substring(start, end < 0 ? text.length() : end);
    }

    private static int count(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
