package gradlab.view;

import static j2html.TagCreator.button;
import static j2html.TagCreator.dd;
import static j2html.TagCreator.div;
import static j2html.TagCreator.dl;
import static j2html.TagCreator.dt;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.h3;
import static j2html.TagCreator.input;
import static j2html.TagCreator.label;
import static j2html.TagCreator.output;
import static j2html.TagCreator.p;
import static j2html.TagCreator.section;
import static j2html.TagCreator.span;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import j2html.TagCreator;
import j2html.tags.ContainerTag;
import j2html.tags.DomContent;
import j2html.tags.specialized.FormTag;

import gradlab.lab.Lesson;
import gradlab.lab.Question;

/**
 * A lesson's questions as sliders, and what the student sees once they commit a guess or skip
 * (DESIGN, "Predict, then see"). Both are the section {@value #ID}: an answer to the form
 * replaces it in place. The lesson page sends the form with GET to /lesson/{id}/after and gets
 * the guesses beside the true values and the rest of the lesson back; a class's student page
 * can send the same form with POST to /class/{code}/predict, where committing records the guess
 * and the truth waits for Reveal.
 *
 * <p>The form's fields are {@value Question#FIELD} (the quantity's name, hidden) and
 * {@value Question#VALUE} (the slider), one pair per question in the lesson's order; Skip sends
 * the same address without any field. Nothing here holds a true value: {@link #outcome} is the
 * only part that shows one.
 */
public final class PredictionForm {
    /** The section that asks, and later shows the outcome in its place. */
    public static final String ID = "prediction";
    /** A live region outside the section: an answer's words are announced there. */
    public static final String STATUS_ID = "prediction-status";
    /** The outcome's heading, which takes the focus when it arrives. */
    public static final String RESULT_ID = "prediction-result";
    private static final String TITLE_ID = "prediction-title";
    private static final String ERROR_ID = "prediction-error";
    private static final String SKIP_FORM_ID = "prediction-skip";
    /** In a class: what the last commit recorded. */
    public static final String RECORDED_ID = "prediction-recorded";

    /** How the form is sent: GET where the answer comes back at once, POST where it is recorded. */
    public enum Method {
        GET, POST;

        private String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private PredictionForm() {
    }

    /**
     * The section that asks the lesson's questions: a slider per question, "Commit my guess", and
     * "Skip". Without JavaScript the form is an ordinary one (the page that answers comes back
     * scrolled to the section); with htmx the answer replaces the section.
     *
     * @param lesson a lesson that asks questions
     * @param action where the form goes, without a query: /lesson/{id}/after, /class/{code}/predict
     */
    public static ContainerTag<?> form(Lesson lesson, String action, Method method) {
        return form(lesson, action, method, null);
    }

    /**
     * The same section with a message next to the sliders: why the last answer was refused
     * (422). The sliders start again from their middle.
     *
     * @param message the refusal's words, or null for none
     */
    public static ContainerTag<?> form(Lesson lesson, String action, Method method, String message) {
        boolean one = lesson.questions().size() == 1;
        return asking(lesson, action, method, message, Map.of(), null,
                "Before the lab below shows its numbers, say what you expect: "
                        + (one ? "move the slider to your guess and commit it. The answer, and the rest of the lesson "
                                + "that explains it, come next; Skip shows them without a guess."
                                : "move each slider to your guess and commit them. The answers, and the rest of the "
                                + "lesson that explains them, come next; Skip shows them without a guess."));
    }

    /**
     * The section for a student in a class (DESIGN: in a class, commit only records the guess; the
     * true value appears on Reveal), sent with POST to {@code action}. The sliders stand at the
     * guesses the class has recorded, Commit may be pressed again until the instructor reveals,
     * and there is no Skip: a student who does not commit simply has no guess.
     *
     * @param guesses the student's recorded guesses (any of the lesson's questions)
     * @param note    what was just recorded, or null
     * @param message why the last answer was refused (422), or null
     */
    public static ContainerTag<?> inClass(Lesson lesson, String action, Map<Question, Double> guesses, String note,
                                          String message) {
        boolean one = lesson.questions().size() == 1;
        return asking(lesson, action, Method.POST, message, guesses, note == null ? "" : note,
                "Before the lab shows its numbers, say what you expect: "
                        + (one ? "move the slider to your guess and commit it. You may change it until your "
                                + "instructor reveals the answer, which comes with the rest of the lesson."
                                : "move each slider to your guess and commit them. You may change them until your "
                                + "instructor reveals the answers, which come with the rest of the lesson."));
    }

    /** The section; {@code note} null: the lesson's own (with Skip), else a class's (without, the note under Commit). */
    private static ContainerTag<?> asking(Lesson lesson, String action, Method method, String message,
                                          Map<Question, Double> guesses, String note, String lede) {
        if (!lesson.asks()) {
            throw new IllegalArgumentException(lesson.id() + " asks no question");
        }
        boolean inClass = note != null;
        List<DomContent> sliders = new ArrayList<>();
        List<Question> questions = lesson.questions();
        for (int i = 0; i < questions.size(); i++) {
            sliders.add(slider(questions.get(i), i + 1, message != null, guesses.get(questions.get(i))));
        }
        boolean one = questions.size() == 1;
        FormTag asks = sending(TagCreator.form().withId(ID + "-form").withClass("prediction-form"), action, method).with(
                p(message == null ? "" : message).withId(ERROR_ID).withClass("field-error").attr("role", "alert"),
                each(sliders.stream()),
                div(button("Commit my guess" + (one ? "" : "es")).withType("submit").withClass("primary"),
                        inClass ? null : button("Skip").withType("submit").attr("form", SKIP_FORM_ID)
                ).withClass("prediction-actions"),
                inClass ? p(note).withId(RECORDED_ID).withClass("prediction-recorded") : null);
        return section(
                h2("Predict first").withId(TITLE_ID),
                p(lede).withClass("lede"),
                asks,
                // Skip: the same address without any field (its button sits with Commit, in the form above)
                inClass ? null : sending(TagCreator.form().withId(SKIP_FORM_ID), action, method)
        ).withId(ID).withClass("prediction").attr("aria-labelledby", TITLE_ID);
    }

    /** The form's address and method, for a browser and for htmx (whose answer replaces the section). */
    private static FormTag sending(FormTag form, String action, Method method) {
        return form.withAction(action + "#" + ID).withMethod(method.id())
                .attr("data-hx-" + method.id(), action)
                .attr("data-hx-target", "#" + ID)
                .attr("data-hx-swap", "outerHTML")
                // a lesson's answered page has an address of its own; a recorded guess does not
                .attr("data-hx-push-url", method == Method.GET ? "true" : "false");
    }

    /** One question: its words as the label, the slider between its ends, and the value chosen. */
    private static DomContent slider(Question q, int number, boolean refused, Double guess) {
        String id = "guess-" + number;
        double start = guess == null ? start(q) : guess;
        Unit unit = Unit.of(q);
        return div(
                input().withType("hidden").withName(Question.FIELD).withValue(q.name()),
                label(q.words()).attr("for", id),
                div(
                        span(unit.end(q.min())).withClass("slider-end").attr("aria-hidden", "true"),
                        input().withType("range").withId(id).withName(Question.VALUE)
                                .attr("min", Format.plain(q.min())).attr("max", Format.plain(q.max()))
                                .attr("step", Format.plain(q.step())).withValue(Format.plain(start))
                                // the slider says its value as the readout writes it
                                .attr("aria-valuetext", QuantityFormat.text(q.quantity(), start))
                                .attr("data-unit", unit.id())
                                .attr("aria-describedby", ERROR_ID)
                                .condAttr(refused, "aria-invalid", "true"),
                        span(unit.end(q.max())).withClass("slider-end").attr("aria-hidden", "true"),
                        // the slider itself tells a screen reader its value; this is for the eye
                        output(QuantityFormat.text(q.quantity(), start)).attr("for", id).withClass("slider-value")
                                .attr("aria-hidden", "true")
                ).withClass("slider")
        ).withClass("guess").attr("data-question", q.name());
    }

    /** Where a slider starts: the middle of its range, so that it suggests neither end. */
    static double start(Question q) {
        double middle = (q.min() + q.max()) / 2;
        return Math.round(middle / q.step()) * q.step();
    }

    /**
     * What replaces the form once the student has committed or skipped: each question with the
     * guess beside the lab's value, formatted as the page formats that metric, and a sentence on
     * how far off it was. The heading ({@value #RESULT_ID}) is where the focus goes.
     *
     * @param guesses the guess for each question answered (in the lesson's order); empty when the student skipped
     */
    public static ContainerTag<?> outcome(Lesson lesson, Map<Question, Double> guesses) {
        List<DomContent> answers = new ArrayList<>();
        for (Question q : lesson.questions()) {
            Double guess = guesses.get(q);
            answers.add(div(
                    h3(q.words()),
                    dl(guess == null ? null : div(dt("Your guess"), dd(QuantityFormat.text(q.quantity(), guess))
                                    .attr("data-role", "guess")),
                            div(dt("The lab's value"), dd(QuantityFormat.text(q.quantity(), q.truth()))
                                    .attr("data-role", "truth"))).withClass("guess-and-truth"),
                    p(howFar(q, guess)).withClass("how-far")
            ).withClass("outcome").attr("data-question", q.name()));
        }
        return section(
                h2(guesses.isEmpty() ? "The answer" : "Your guess and the answer").withId(RESULT_ID)
                        .attr("tabindex", "-1").attr("data-focus-on-arrival", "true"),
                each(answers.stream()),
                p(lesson.questions().size() == 1 ? "The rest of the lesson explains it, and the lab below shows where "
                        + "it comes from." : "The rest of the lesson explains them, and the lab below shows where they "
                        + "come from.").withClass("lede")
        ).withId(ID).withClass("prediction answered").attr("aria-labelledby", RESULT_ID);
    }

    /** The live region, empty: the page holds it once, outside the section, so that a new answer is heard. */
    public static ContainerTag<?> status() {
        return p().withId(STATUS_ID).withClass("visually-hidden").attr("role", "status");
    }

    /** New words for the live region, to go with an outcome (htmx puts them in place out of band). */
    public static ContainerTag<?> announcement(Lesson lesson, Map<Question, Double> guesses) {
        StringBuilder s = new StringBuilder();
        for (Question q : lesson.questions()) {
            Double guess = guesses.get(q);
            String truth = QuantityFormat.text(q.quantity(), q.truth());
            s.append(guess == null ? "The lab's value is " + truth + ". "
                    : "You guessed " + QuantityFormat.text(q.quantity(), guess) + "; the lab's value is " + truth
                            + ". " + howFar(q, guess) + " ");
        }
        s.append("The rest of the lesson follows.");
        return p(s.toString()).withId(STATUS_ID).attr("data-hx-swap-oob", "innerHTML");
    }

    /** A sentence on how far the guess was from the truth; for no guess, what that was. */
    static String howFar(Question q, Double guess) {
        if (guess == null) {
            return "You skipped this one.";
        }
        double off = guess - q.truth();
        if (Math.abs(off) <= q.step() / 2 || QuantityFormat.text(q.quantity(), guess)
                .equals(QuantityFormat.text(q.quantity(), q.truth()))) {
            return "Right on it: your guess is the lab's value, as closely as the slider can say.";
        }
        String by = "your guess was " + Unit.of(q).difference(Math.abs(off)) + (off > 0 ? " too high." : " too low.");
        return Math.abs(off) <= 0.05 * (q.max() - q.min()) ? "Close: " + by
                : by.substring(0, 1).toUpperCase(Locale.ROOT) + by.substring(1);
    }

    /** How a slider's numbers are written: as the page writes its metric. */
    private enum Unit {
        DEGREES, PERCENT, NUMBER;

        static Unit of(Question q) {
            return switch (q.quantity().metric()) {
                case ANGLE_DEGREES -> DEGREES;
                case SAME_SIGN -> PERCENT;
                default -> NUMBER;
            };
        }

        /** The name the page's script knows it by, to write the readout as the slider moves. */
        String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** An end of the slider, as a person writes it: 0°, 180°, 0 %, −1. */
        String end(double v) {
            return switch (this) {
                case DEGREES -> Format.plain(v) + "°";
                case PERCENT -> Format.plain(100 * v) + " %";
                case NUMBER -> Format.plain(v).replace('-', '−');
            };
        }

        /** A distance between two values: degrees, percentage points, or a plain number. */
        String difference(double d) {
            return switch (this) {
                case DEGREES -> Format.degrees(d);
                case PERCENT -> Format.num(100 * d) + " percentage points";
                case NUMBER -> Format.num(d);
            };
        }
    }
}
