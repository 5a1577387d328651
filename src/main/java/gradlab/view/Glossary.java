package gradlab.view;

import static j2html.TagCreator.dd;
import static j2html.TagCreator.details;
import static j2html.TagCreator.dl;
import static j2html.TagCreator.dt;
import static j2html.TagCreator.each;
import static j2html.TagCreator.span;
import static j2html.TagCreator.summary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import gradlab.engine.Procedure;
import j2html.tags.DomContent;

/**
 * A short explanation of every term on the page, revealed in place: a details element, so it
 * opens with a click, and screen readers announce it as expandable. A table's terms are no tab
 * stops (a table header full of them would cost a keyboard a dozen presses on the way to Train):
 * each table is followed by its glossary, one tab stop that lists them all.
 */
public final class Glossary {
    private static final Map<String, String> TERMS = Map.ofEntries(
            Map.entry("cosine", "cos(g, c) = g·c / (‖g‖‖c‖): 1 when the naive gradient g points exactly along the "
                    + "true gradient c, 0 at a right angle, −1 when opposite. Undefined (—) when either is zero."),
            Map.entry("angle", "The angle between the naive and the true gradient, acos of the cosine, in degrees."),
            Map.entry("relative error", "‖g − c‖ / ‖c‖: the size of the mistake as a share of the true gradient's "
                    + "size. 0 is exact; 1 is as large as the gradient itself. ∞ when the true gradient is zero and g is not."),
            Map.entry("norm ratio", "‖g‖ / ‖c‖: how long the naive gradient is compared with the true one. Below 1, "
                    + "a step with it is shorter than the correct step."),
            Map.entry("same sign", "The share of parameters where the naive and the true gradient push the same way "
                    + "(both up, both down, or both zero)."),
            Map.entry("layer", "Relative error over one layer's W and b together: where in the network the shortcut "
                    + "goes wrong."),
            Map.entry("J", "The cost: the mean of the per-example losses, J(θ) = (1/N) Σ L_i, here over all the data."),
            Map.entry("cos", "The cosine of this copy's gradient to the true gradient at its own θ, on its next minibatch."),
            Map.entry("δ", "The output error of one example, δ = ∂L_i/∂z: how the loss changes with the last layer's "
                    + "output before ψ. Back-propagation carries it down the layers."));

    private Glossary() {
    }

    /** A procedure's id, with its explanation to reveal. */
    public static DomContent term(Procedure p) {
        return reveal(p.id(), p.glossary());
    }

    /** The term, with its explanation to reveal; the plain word if there is none. */
    public static DomContent term(String word) {
        String explanation = TERMS.get(word);
        if (explanation == null) {
            return span(word);
        }
        return reveal(word, explanation);
    }

    /** Terms (words of this glossary, then procedures) with their explanations, behind one summary. */
    public static DomContent list(String title, List<String> words, List<Procedure> procedures) {
        List<DomContent> entries = new ArrayList<>();
        for (String w : words) {
            if (TERMS.containsKey(w)) {
                entries.add(each(dt(w), dd(TERMS.get(w))));
            }
        }
        for (Procedure p : procedures) {
            entries.add(each(dt(p.id()).withClass("proc").attr("data-proc", p.id()), dd(p.glossary())));
        }
        return details(summary(title), dl(entries.toArray(new DomContent[0])))
                .withClass("glossary");
    }

    private static DomContent reveal(String word, String explanation) {
        return details(summary(word).attr("tabindex", "-1"), span(explanation).withClass("explain")).withClass("term");
    }
}
