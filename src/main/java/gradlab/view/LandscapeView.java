package gradlab.view;

import static j2html.TagCreator.button;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.form;
import static j2html.TagCreator.h3;
import static j2html.TagCreator.label;
import static j2html.TagCreator.option;
import static j2html.TagCreator.p;
import static j2html.TagCreator.select;
import static j2html.TagCreator.strong;
import static j2html.TagCreator.text;

import java.util.List;
import java.util.stream.IntStream;

import j2html.tags.ContainerTag;
import j2html.tags.DomContent;

import gradlab.engine.Parameters;
import gradlab.lab.Comparison;
import gradlab.lab.Landscape;
import gradlab.view.svg.LandscapeChart;
import gradlab.view.svg.SvgElement;

/**
 * The loss landscape over two parameters, with every procedure's step from θ0 and, when the
 * plane holds one, two points on one contour whose gradients differ: no function of J alone
 * can give the gradient (F6). Loaded after the comparison, so that the comparison stays quick.
 */
public final class LandscapeView {
    /** The id of the landscape's place in the parameters panel. */
    public static final String ID = "landscape";
    /** The axis choosers list at most this many parameters. */
    static final int MAX_CHOICES = 300;

    private LandscapeView() {
    }

    /** The placeholder that asks for the landscape once it is on the page. */
    public static DomContent placeholder(LabLinks links) {
        return div(p("Drawing the loss landscape…").withClass("note"))
                .withId(ID)
                .attr("data-hx-get", links.landscape())
                .attr("data-hx-trigger", "load")
                .attr("data-hx-swap", "outerHTML");
    }

    public static ContainerTag<?> panel(Comparison c, Landscape l) {
        String description = description(l);
        return div(
                h3("The loss landscape"),
                p("J over two parameters around " + ComparisonView.where(c.spec()) + " (darker is higher), and the step "
                        + "each procedure would take from " + (c.spec().at() == 0 ? "θ0" : "there")
                        + " (its negative gradient, projected on this plane)."
                        + (c.spec().at() == 0 ? "" : " The contours are the slice through θ" + c.spec().at()
                        + " (every other parameter as there); each trained copy's path from θ0 to step " + c.spec().at()
                        + " is drawn projected on the plane, so a path may cross contours it never met.")),
                axes(c, l),
                Charts.figure(svg(l), description, c, l),
                l.counterexample().isPresent()
                        ? p(text("Same J, different gradient: "), strong(sentence(l)), text(" So “average the loss, then "
                        + "differentiate” cannot work: no function of the value J alone gives its gradient."))
                        : p(text("No two points of one contour with different gradients in this plane: "
                        + MissingPairSentence.of(l.reason().orElseThrow()) + "."))
        ).withId(ID).withClass("landscape");
    }

    /** The chart alone. */
    static SvgElement svg(Landscape l) {
        return LandscapeChart.render("chart-landscape", l).attr("data-chart", "landscape");
    }

    private static String sentence(Landscape l) {
        Landscape.Counterexample ce = l.counterexample().orElseThrow();
        return "θa and θb both have J = " + Format.num(ce.costA()) + "; their gradients are "
                + Format.degrees(ce.angleDegrees()) + " apart.";
    }

    private static String description(Landscape l) {
        String same = LandscapeChart.coincidences(l);
        String paths = LandscapeChart.pathWords(l);
        String base = "Filled contours of J over " + l.x().name() + " and " + l.y().name() + ", with each procedure's "
                + "step from " + LandscapeChart.centre(l) + "." + (same.isEmpty() ? "" : " " + same)
                + (paths.isEmpty() ? "" : " " + paths);
        return l.counterexample().isPresent() ? base + " " + sentence(l)
                : base + " " + MissingPairSentence.of(l.reason().orElseThrow()) + ".";
    }

    /** Two choosers for the plane's axes; a change redraws the landscape. */
    private static DomContent axes(Comparison c, Landscape l) {
        Parameters theta = c.theta();
        List<Integer> choices = IntStream.range(0, Math.min(theta.size(), MAX_CHOICES)).boxed().toList();
        return form(
                label(text("horizontal "), chooser("px", choices, l.x().index(), theta)),
                label(text(" vertical "), chooser("py", choices, l.y().index(), theta)),
                button("Draw").withType("submit")
        ).withClass("axes-form")
                // the form adds px and py itself
                .attr("data-hx-get", Paths.withQuery(Paths.LAB_LANDSCAPE, c.spec().withoutAxes().toQuery()))
                .attr("data-hx-trigger", "change, submit")
                .attr("data-hx-target", "#" + ID)
                .attr("data-hx-swap", "outerHTML");
    }

    private static DomContent chooser(String name, List<Integer> choices, int chosen, Parameters theta) {
        return select(each(choices, j -> option(theta.scalarName(j)).withValue(Integer.toString(j))
                .condAttr(j == chosen, "selected", "selected"))).withName(name);
    }
}
