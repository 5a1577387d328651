package gradlab.view;

import static j2html.TagCreator.a;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.h1;
import static j2html.TagCreator.h2;
import static j2html.TagCreator.li;
import static j2html.TagCreator.p;
import static j2html.TagCreator.span;
import static j2html.TagCreator.text;
import static j2html.TagCreator.ul;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import j2html.tags.DomContent;

import gradlab.engine.Procedure;
import gradlab.lab.Comparison;
import gradlab.lab.Lesson;
import gradlab.view.svg.PreviewChart;

/**
 * /: the lessons, each with its one-line summary and a small picture of its preset's numbers
 * (none for a lesson that asks for predictions: the card would give the answers away), and free play.
 */
public final class GalleryPage {
    private GalleryPage() {
    }

    /** One card: the lesson and the comparison at its preset (for the picture). */
    public record Card(Lesson lesson, Comparison comparison) {
    }

    static final String DESCRIPTION = "Short lessons, each with a live lab, on why the gradient of a batch's mean loss "
            + "is the mean of the per-example gradients, and what averaging first gets wrong.";

    public static String page(List<Card> cards) {
        return Layout.page("Lessons", DESCRIPTION,
                div(h1("The gradient of a mean is the mean of the gradients"),
                        p("Averaging first — the inputs, the output errors, or the loss — and back-propagating once "
                                + "gives a different vector wherever a non-linearity sits between the parameters and "
                                + "the loss. Each lesson shows one fact about it in ten minutes, with a live lab to "
                                + "change. Start with the introduction, or go straight to the lab."),
                        p(a("Open the lab").withHref(Paths.LAB).withClass("button primary")))
                        .withClass("intro"),
                h2("Lessons").withClass("visually-hidden"),
                ul(each(cards, GalleryPage::card)).withClass("gallery"));
    }

    private static DomContent card(int index, Card c) {
        Lesson l = c.lesson();
        return li(a(
                // the fact it demonstrates, as the lesson's own text names it
                span(text(index + 1 + ""), l.fact().map(f -> span(" · " + f).withClass("fact")).orElse(null))
                        .withClass("number"),
                span(l.title()).withClass("title"),
                span(l.summary()).withClass("summary"),
                // a lesson that asks for predictions keeps its numbers until they are made, here too
                l.asks() ? span("Predict first: the lesson asks before it shows its numbers.").withClass("caption")
                        : each(PreviewChart.render("preview-" + l.id(), errors(c)).attr("data-chart", "preview"),
                                span("relative error of each shortcut at the lesson's preset").withClass("caption"))
        ).withHref(Paths.lesson(l.id())).withClass("card"));
    }

    /** The relative error of each naive procedure at the lesson's preset, for its picture. */
    private static Map<Procedure, Double> errors(Card c) {
        Map<Procedure, Double> errors = new LinkedHashMap<>();
        c.comparison().metrics().forEach((id, m) -> {
            if (id.isNaive()) {
                errors.put(id, m.relativeError());
            }
        });
        return errors;
    }
}
