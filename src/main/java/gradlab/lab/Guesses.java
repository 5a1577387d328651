package gradlab.lab;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A student's answers to a lesson's questions, as a prediction form sends them (DESIGN,
 * "Predict, then see"): pairs of {@value Question#FIELD} (the quantity's name) and
 * {@value Question#VALUE} (the guess), each question at most once; no field at all is a skip.
 * This is the one place where they are checked. A field that is not one of the two, a question
 * the lesson does not ask, a value that is not a plain number on its question's slider, is
 * refused with a message that names the field and what it allows.
 */
public final class Guesses {
    private Guesses() {
    }

    /**
     * The guesses in a URL's query (a form sent with GET), in the lesson's order of its questions;
     * empty for a skip.
     *
     * @throws ValidationException naming the field
     */
    public static Map<Question, Double> read(Lesson lesson, String query) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        String q = query == null ? "" : query;
        for (String pair : q.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), "query", "a field's name");
            String value = decode(eq < 0 ? "" : pair.substring(eq + 1), name, LabSpec.shown(name));
            fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return read(lesson, fields);
    }

    /**
     * The guesses in a form's decoded fields (as a server reads a POST's body): the n-th
     * question goes with the n-th value. In the lesson's order of its questions; empty for a skip.
     *
     * @throws ValidationException naming the field
     */
    public static Map<Question, Double> read(Lesson lesson, Map<String, List<String>> fields) {
        for (String name : fields.keySet()) {
            if (!name.equals(Question.FIELD) && !name.equals(Question.VALUE)) {
                throw new ValidationException(name, "unknown field \"" + LabSpec.shown(name) + "\"; a prediction's "
                        + "fields are " + Question.FIELD + " and " + Question.VALUE);
            }
        }
        List<String> names = fields.getOrDefault(Question.FIELD, List.of());
        List<String> values = fields.getOrDefault(Question.VALUE, List.of());
        if (values.size() > names.size()) {
            throw new ValidationException(Question.FIELD, "every " + Question.VALUE + " follows its " + Question.FIELD
                    + ": got " + count(names.size(), Question.FIELD) + " and " + count(values.size(), Question.VALUE));
        }
        Map<Question, Double> guessed = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Question q = question(lesson, names.get(i));
            if (guessed.containsKey(q)) {
                throw new ValidationException(Question.FIELD, Question.FIELD + " " + q.name() + " is given twice; "
                        + "give one guess for each question");
            }
            if (i >= values.size()) {
                throw new ValidationException(Question.VALUE, Question.VALUE + " for " + q.name() + " is missing; "
                        + "give a number " + q.range());
            }
            guessed.put(q, value(q, values.get(i)));
        }
        // in the order the lesson asks them, whatever the order they came in
        Map<Question, Double> ordered = new LinkedHashMap<>();
        lesson.questions().stream().filter(guessed::containsKey).forEach(q -> ordered.put(q, guessed.get(q)));
        return ordered;
    }

    private static Question question(Lesson lesson, String name) {
        return lesson.question(name).orElseThrow(() -> new ValidationException(Question.FIELD, lesson.asks()
                ? Question.FIELD + " must be one of this lesson's questions, "
                        + lesson.questions().stream().map(Question::name).collect(Collectors.joining(", "))
                        + "; got \"" + LabSpec.shown(name) + "\""
                : "this lesson asks no question; got " + Question.FIELD + " \"" + LabSpec.shown(name) + "\""));
    }

    /** A plain decimal on the question's slider, as the lab reads its own numbers. */
    private static double value(Question q, String text) {
        if (SpecReader.DECIMAL.matcher(text).matches()) {
            // + 0.0 turns −0 into 0
            double v = Double.parseDouble(text) + 0.0;
            if (q.allows(v)) {
                return v;
            }
        }
        throw new ValidationException(Question.VALUE, Question.VALUE + " for " + q.name() + " must be a number "
                + q.range() + "; got \"" + LabSpec.shown(text) + "\"");
    }

    private static String count(int n, String field) {
        return n + " " + field + (n == 1 ? "" : "s");
    }

    /** Percent-decoding as a URL's query ('+' is a space); the field names the error. */
    private static String decode(String s, String field, String what) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, what + " has a malformed %-escape; write % as %25");
        }
    }
}
