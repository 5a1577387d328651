package gradlab.view;

import static j2html.TagCreator.button;
import static j2html.TagCreator.div;
import static j2html.TagCreator.form;
import static j2html.TagCreator.input;
import static j2html.TagCreator.label;
import static j2html.TagCreator.p;
import static j2html.TagCreator.strong;
import static j2html.TagCreator.tag;
import static j2html.TagCreator.text;

import j2html.tags.ContainerTag;
import j2html.tags.DomContent;

import gradlab.lab.LabSpec;
import gradlab.lab.Question;

/**
 * A prediction in a class: a slider over the question's range with Commit, which records the
 * guess with the class (and may be pressed again until the reveal); after the reveal, the
 * guess beside the true value.
 */
public final class ClassPrediction {
    /** The form's field of the lesson (1-based) the student's page shows, so a late guess cannot land on the next one. */
    public static final String LESSON = "lesson";

    private ClassPrediction() {
    }

    /**
     * The form of question {@code index} of the lesson at {@code position} (0-based); the
     * slider stands at the student's guess, or mid-range before one. {@code recorded}: the
     * guess was just committed. {@code error}: a refused value's message, or null.
     */
    static ContainerTag<?> ask(String code, int position, int index, Question q, Double guess, boolean recorded,
                                String error) {
        String id = "predict-" + index;
        String slider = "guess-" + index;
        double value = guess != null ? guess : q.min() + (q.max() - q.min()) / 2;
        String status = guess == null ? "" : (recorded ? "Recorded: " : "Your guess: ") + shown(q, guess)
                + ". You may change it until the reveal.";
        String post = Paths.ofClass(Paths.CLASS_PREDICT, code);
        return form(
                input().withType("hidden").withName(Question.FIELD).withValue(q.name()),
                input().withType("hidden").withName(LESSON).withValue(Integer.toString(position + 1)),
                label(q.words()).attr("for", slider),
                div(
                        input().withType("range").withId(slider).withName(Question.VALUE)
                                .attr("min", LabSpec.plain(q.min())).attr("max", LabSpec.plain(q.max()))
                                .attr("step", LabSpec.plain(step(q))).withValue(LabSpec.plain(value))
                                .attr("data-output", slider + "-shown")
                                .attr("aria-describedby", id + "-status " + id + "-error"),
                        tag("output").withId(slider + "-shown").attr("for", slider).withText(LabSpec.plain(value))
                ).withClass("slider"),
                button(guess == null ? "Commit" : "Commit again").withType("submit").withClass("primary"),
                p(status).withId(id + "-status").withClass("status").attr("role", "status"),
                p(error == null ? "" : error).withId(id + "-error").withClass("field-error")
        ).withId(id).withClass("prediction").attr("method", "post").attr("action", post)
                .attr("data-hx-post", post).attr("data-hx-target", "this").attr("data-hx-swap", "outerHTML");
    }

    /** The guess beside the true value (or that there was no guess). */
    static DomContent outcome(Question q, Double guess) {
        return div(
                p(q.words()),
                p(guess == null ? text("You did not predict. ") : text("You guessed " + shown(q, guess) + ". "),
                        text("The true value is "), strong(shown(q, q.truth())), text("."))
        ).withClass("prediction-outcome").attr("data-question", q.name());
    }

    /** A slider's step: whole degrees, hundredths elsewhere. */
    static double step(Question q) {
        return q.max() - q.min() >= 100 ? 1 : 0.01;
    }

    private static String shown(Question q, double v) {
        return QuantityFormat.text(q.quantity(), v);
    }
}
