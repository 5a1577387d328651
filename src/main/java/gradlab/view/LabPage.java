package gradlab.view;

import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.p;

import java.util.ArrayList;
import java.util.List;

import j2html.tags.DomContent;

import gradlab.lab.Comparison;
import gradlab.lab.Limits;

/**
 * The lab: the form on one side, the comparison and training on the other.
 */
public final class LabPage {
    static final String DESCRIPTION = "Pick data, a network and a loss, and compare the correct gradient of a batch's "
            + "mean loss with the naive shortcuts, side by side, then train a copy with each.";

    private LabPage() {
    }

    /** The whole page for a valid spec. */
    public static String page(Comparison c, Limits limits) {
        return Layout.page("Lab", DESCRIPTION, intro(),
                div(div(LabForm.render(FormValues.of(c.spec()), limits, null, null)).withClass("controls-column"),
                        div(ComparisonView.panel(c), TrainingView.idle(), ComparisonView.parameters(c))
                                .withClass("results-column"))
                        .withClass("lab"));
    }

    /** The whole page for a refused query: the user's values, the message at its field. */
    public static String refused(FormValues typed, Limits limits, String param, String message) {
        return Layout.page("Lab", DESCRIPTION, intro(),
                div(div(LabForm.render(typed, limits, param, message)).withClass("controls-column"),
                        div(ComparisonView.empty("Correct the value marked in the form to see the comparison."),
                                TrainingView.idle(), ComparisonView.noParameters()).withClass("results-column"))
                        .withClass("lab"));
    }

    /** The htmx answer to a change of the form: the new comparison, every error cleared, training reset. */
    public static String fragment(Comparison c) {
        List<DomContent> parts = new ArrayList<>();
        parts.add(ComparisonView.panel(c));
        for (String param : LabForm.FIELDS) {
            parts.add(outOfBand(param, ""));
        }
        parts.add(outOfBand(LabForm.GENERAL, ""));
        parts.add(TrainingView.idleOutOfBand());
        parts.add(ComparisonView.parametersOutOfBand(c));
        return each(parts.toArray(new DomContent[0])).render();
    }

    /** The htmx answer to a refused value: only the message, next to its field (the last result stays). */
    public static String errorFragment(String param, String message) {
        List<DomContent> parts = new ArrayList<>();
        String where = LabForm.FIELDS.contains(param) ? param : LabForm.GENERAL;
        for (String p : LabForm.FIELDS) {
            parts.add(outOfBand(p, p.equals(where) ? message : ""));
        }
        parts.add(outOfBand(LabForm.GENERAL, LabForm.GENERAL.equals(where) ? message : ""));
        return each(parts.toArray(new DomContent[0])).render();
    }

    private static DomContent outOfBand(String param, String message) {
        return p(message).withId(LabForm.errorId(param)).withClass("field-error")
                .attr("aria-live", "polite").attr("data-hx-swap-oob", "true");
    }

    private static DomContent intro() {
        return div(h1("The lab"),
                p("The gradient of a batch's mean loss is the mean of the per-example gradients. Pick data, a network "
                        + "and a loss: the correct gradient and the naive shortcuts are computed at the same θ0, side "
                        + "by side. Every setting is in the address bar, so a link reproduces these numbers."))
                .withClass("intro");
    }
}
