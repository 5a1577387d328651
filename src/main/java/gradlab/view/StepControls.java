package gradlab.view;

import static j2html.TagCreator.a;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.input;
import static j2html.TagCreator.label;
import static j2html.TagCreator.option;
import static j2html.TagCreator.p;
import static j2html.TagCreator.select;
import static j2html.TagCreator.span;
import static j2html.TagCreator.text;

import java.util.List;

import j2html.tags.ContainerTag;
import j2html.tags.DomContent;
import j2html.tags.specialized.SelectTag;

import gradlab.engine.Procedure;
import gradlab.lab.LabSpec;
import gradlab.lab.Param;
import gradlab.lab.Procedures;

/**
 * The training step the comparison is made at: links that move {@code at} by −10, −1, +1, +10
 * or to the last step (clamped to 0..steps), and the step and copy as fields of the lab's form
 * (their form attribute), so that a change of any other field keeps them.
 */
public final class StepControls {
    /** The id of the controls' block. */
    public static final String ID = "step-controls";
    /** The parameters these controls set; an error on one shows here, not under the form. */
    public static final List<String> FIELDS = List.of(Param.AT.id(), Param.ALONG.id());

    /**
     * A refused value of at or along on a page that shows the comparison nearest it instead: the
     * parameter, what was typed, and the message.
     */
    public record Refusal(String param, String typed, String message) {
    }

    /** A move: its label, its accessible name, its element id (so that htmx keeps the focus on it). */
    private record Move(String label, String name, String id, int target) {
    }

    private StepControls() {
    }

    /** The steps the controls lead to from step k of a run of {@code steps}: −10, −1, +1, +10, last, clamped. */
    static List<Move> moves(int k, int steps) {
        return List.of(
                new Move("−10", "step back 10", "step-back-10", Math.max(0, Math.min(k - 10, steps))),
                new Move("−1", "step back 1", "step-back-1", Math.max(0, Math.min(k - 1, steps))),
                new Move("+1", "step forward 1", "step-forward-1", Math.min(steps, k + 1)),
                new Move("+10", "step forward 10", "step-forward-10", Math.min(steps, k + 10)),
                new Move("last", "the last step, " + steps, "step-last", steps));
    }

    public static ContainerTag<?> render(LabSpec spec) {
        return render(spec, null);
    }

    /**
     * The controls at the spec's step; with a refusal (or null), the refused value stays in its
     * field, marked, and its message says where the comparison shown is instead.
     */
    public static ContainerTag<?> render(LabSpec spec, Refusal refused) {
        int k = spec.at();
        boolean badStep = refused != null && refused.param().equals(Param.AT.id());
        boolean badCopy = refused != null && refused.param().equals(Param.ALONG.id());
        List<DomContent> links = moves(k, spec.steps()).stream().map(m -> link(spec, m)).toList();
        return div(
                p(text("Training step: "),
                        each(links, l -> l)).withClass("step-moves").attr("role", "group")
                        .attr("aria-label", "move the comparison along the training"),
                div(
                        label(text("step "), LabForm.leftOutAtDefault(input().withType("number")
                                .withName(Param.AT.id()).withId("f-at")
                                .withValue(badStep ? number(refused.typed()) : Integer.toString(k)).attr("min", "0").attr("step", "1")
                                .attr("inputmode", "numeric").attr("form", LabForm.ID)
                                .attr("aria-describedby", LabForm.errorId(Param.AT.id()))
                                .condAttr(badStep, "aria-invalid", "true"), Param.AT)),
                        label(text(" of the copy "), alongChooser(spec).condAttr(badCopy, "aria-invalid", "true"))
                ).withClass("step-fields"),
                refused == null ? errorSlots() : each(FIELDS, param -> LabForm.errorSlot(param, refused.param(),
                        refused.message() + (refused.message().endsWith(".") ? "" : ".") + " Shown here instead: "
                                + ComparisonView.where(spec) + "."))
        ).withId(ID).withClass("step-controls");
    }

    /** A number field holds a number or nothing: what was typed, when it reads as one (the message quotes it anyway). */
    private static String number(String typed) {
        return typed.matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?") ? typed : "";
    }

    /** The empty places for a message on at or along (on a page with no comparison too, so that htmx finds them). */
    public static DomContent errorSlots() {
        return each(FIELDS, param -> LabForm.errorSlot(param, null, null));
    }

    /** A link to the same lab at the move's step, swapped in by htmx; a greyed label where it would not move. */
    private static DomContent link(LabSpec spec, Move m) {
        if (m.target() == spec.at()) {
            return span(m.label()).withClass("step-move disabled").attr("aria-hidden", "true");
        }
        String url = Paths.withQuery(Paths.LAB, spec.atStep(m.target(), spec.along()).toQuery());
        return a(m.label()).withHref(url).withId(m.id()).withClass("step-move")
                .attr("aria-label", m.name() + " (to step " + m.target() + ")")
                .attr("data-hx-get", url)
                .attr("data-hx-target", "#" + ComparisonView.ID)
                .attr("data-hx-swap", "outerHTML")
                .attr("data-hx-push-url", "true")
                .attr("data-hx-sync", "#" + LabForm.ID + ":replace");
    }

    /** Which trained copy's θ_k: the lab's copies, in the order of the training. */
    private static ContainerTag<?> alongChooser(LabSpec spec) {
        List<Procedure> copies = Procedures.copies(spec);
        SelectTag chooser = select(each(copies, p -> option(p.id()).withValue(p.id())
                .condAttr(p == spec.along(), "selected", "selected")))
                .withName(Param.ALONG.id()).withId("f-along").attr("form", LabForm.ID)
                .attr("aria-describedby", LabForm.errorId(Param.ALONG.id()));
        return LabForm.<SelectTag>leftOutAtDefault(chooser, Param.ALONG);
    }
}
