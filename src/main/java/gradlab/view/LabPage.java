package gradlab.view;

import static j2html.TagCreator.details;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.p;
import static j2html.TagCreator.summary;
import static j2html.TagCreator.text;

import java.util.ArrayList;
import java.util.List;

import j2html.tags.DomContent;

import gradlab.lab.Comparison;
import gradlab.lab.Limits;

/**
 * The lab: the form on one side, the comparison and training on the other.
 */
public final class LabPage {
    /** The id of the status line that tells a screen reader about a new comparison or a refused value. */
    static final String STATUS_ID = "comparison-status";
    /** The lab's first tab stop: past the form, to the results. */
    private static final Layout.Skip SKIP = new Layout.Skip("Skip to the results", "#" + ComparisonView.ID);
    static final String DESCRIPTION = "Pick data, a network and a loss, and compare the correct gradient of a batch's "
            + "mean loss with the naive shortcuts, side by side, then train a copy with each.";

    private LabPage() {
    }

    /** The whole page for a valid spec. */
    public static String page(Comparison c, Limits limits) {
        LabLinks links = LabLinks.of(c.spec());
        return Layout.page("Lab", DESCRIPTION, SKIP, intro(),
                columns(LabForm.render(FormValues.of(c.spec()), limits, null, null, NoiseMeter.of(c)),
                        ComparisonView.panel(c, links), TrainingView.idle(), ComparisonView.parameters(c, links)));
    }

    /**
     * The whole page for a query refused on at or along: the comparison nearest it (the step
     * before a divergence, or θ0), with the step controls to move from there, and the refused
     * value in its field with its message.
     */
    public static String refusedStep(Comparison c, Limits limits, StepControls.Refusal refused) {
        LabLinks links = LabLinks.of(c.spec());
        return Layout.page("Lab", DESCRIPTION, SKIP, intro(),
                columns(LabForm.render(FormValues.of(c.spec()), limits, null, null, NoiseMeter.of(c)),
                        ComparisonView.panel(c, links, refused), TrainingView.idle(), ComparisonView.parameters(c, links)));
    }

    /** The whole page for a refused query: the user's values, the message at its field. */
    public static String refused(FormValues typed, Limits limits, String param, String message) {
        return Layout.page("Lab", DESCRIPTION, SKIP, intro(),
                columns(LabForm.render(typed, limits, param, message),
                        ComparisonView.empty("Correct the value marked in the form to see the comparison."),
                        TrainingView.idle(), ComparisonView.noParameters()));
    }

    /**
     * The lab's two columns: the form, and the results. On a phone the results come first and
     * the form waits behind "Settings" (the page's script folds it there; without script it
     * stays open).
     */
    static DomContent columns(DomContent form, DomContent comparison, DomContent training, DomContent parameters) {
        return div(
                div(details(summary("Settings").withClass("settings-toggle"), form).withClass("settings")
                        .attr("open", "open")).withClass("controls-column"),
                div(p().withId(STATUS_ID).withClass("visually-hidden").attr("role", "status"),
                        comparison, training, parameters).withClass("results-column")
        ).withClass("lab");
    }

    /**
     * The htmx answer to a change of the form: the new comparison, every error cleared, the
     * verdict announced. Training is left as it is: a run a student started is never reset by a
     * refresh (the page marks a run of other settings as such).
     */
    public static String fragment(Comparison c) {
        LabLinks links = LabLinks.of(c.spec());
        List<DomContent> parts = new ArrayList<>();
        parts.add(ComparisonView.panel(c, links));
        for (String param : LabForm.FIELDS) {
            parts.add(outOfBand(param, ""));
        }
        parts.add(outOfBand(LabForm.GENERAL, ""));
        parts.add(status(ComparisonView.announcement(c)));
        parts.add(NoiseMeter.of(c).attr("data-hx-swap-oob", "true"));
        parts.add(ComparisonView.parametersOutOfBand(c, links));
        return Html.render(each(parts.toArray(new DomContent[0])));
    }

    /** The htmx answer to a refused value: only the message, next to its field (the last result stays). */
    public static String errorFragment(String param, String message) {
        List<DomContent> parts = new ArrayList<>();
        String where = LabForm.FIELDS.contains(param) || StepControls.FIELDS.contains(param) ? param : LabForm.GENERAL;
        for (String p : LabForm.FIELDS) {
            parts.add(outOfBand(p, p.equals(where) ? message : ""));
        }
        for (String p : StepControls.FIELDS) {
            parts.add(outOfBand(p, p.equals(where) ? message : ""));
        }
        parts.add(outOfBand(LabForm.GENERAL, LabForm.GENERAL.equals(where) ? message : ""));
        parts.add(status(text(message)));
        return Html.render(each(parts.toArray(new DomContent[0])));
    }

    private static DomContent outOfBand(String param, String message) {
        return p(message).withId(LabForm.errorId(param)).withClass("field-error").attr("data-hx-swap-oob", "true");
    }

    /** New words for the status line; it stays in place, so that a screen reader hears the change. */
    private static DomContent status(DomContent words) {
        return p(words).withId(STATUS_ID).attr("data-hx-swap-oob", "innerHTML");
    }

    private static DomContent intro() {
        return div(h1("The lab"),
                p("The gradient of a batch's mean loss is the mean of the per-example gradients. Pick data, a network "
                        + "and a loss: the correct gradient and the naive shortcuts are computed at the same θ0, side "
                        + "by side. Every setting is in the address bar, so a link reproduces these numbers."))
                .withClass("intro");
    }
}
