package gradlab.view;

import static j2html.TagCreator.a;
import static j2html.TagCreator.div;
import static j2html.TagCreator.each;
import static j2html.TagCreator.figcaption;
import static j2html.TagCreator.figure;
import static j2html.TagCreator.label;
import static j2html.TagCreator.option;
import static j2html.TagCreator.p;
import static j2html.TagCreator.select;
import static j2html.TagCreator.span;
import static j2html.TagCreator.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import j2html.tags.ContainerTag;
import j2html.tags.DomContent;

import org.ejml.data.DMatrixRMaj;

import gradlab.engine.Metrics;
import gradlab.engine.Procedure;
import gradlab.lab.Cloud;
import gradlab.lab.CloudPlane;
import gradlab.lab.Comparison;
import gradlab.lab.Param;
import gradlab.view.svg.CloudChart;
import gradlab.view.svg.SvgElement;

/**
 * The gradient cloud in the page: the first picture of the results, beside the verdict. One
 * tab stop; the page's script steps through the dots with the arrow keys and says each one.
 */
public final class CloudView {
    /** The id a lesson links to (/lab#cloud). */
    public static final String ID = "cloud";
    /** The line that says which dot the arrow keys have reached. */
    public static final String READOUT = "cloud-readout";
    /** The plane's chooser. */
    static final String PLANE_FIELD = "f-plane";

    private CloudView() {
    }

    public static ContainerTag<?> figureOf(Comparison c, LabLinks links) {
        Cloud cloud = Cloud.of(c);
        String caption = caption(c, cloud);
        SvgElement svg = svg(c, cloud, caption);
        return figure(
                div(svg).withClass("cloud-keys").attr("tabindex", "0").attr("role", "group")
                        .attr("aria-label", "The gradient cloud: the arrow keys step through its "
                                + Format.count(cloud.drawn().length, "example")),
                // silent until the arrow keys move through the dots
                p().withId(READOUT).withClass("cloud-readout").attr("aria-live", "polite"),
                planeChooser(c, cloud),
                figcaption(span(caption), a("download SVG").withHref(links.chart(ComparisonChart.CLOUD))
                        .attr("download", ComparisonChart.CLOUD.fileName()).withClass("download"))
        ).withId(ID).withClass("chart-figure cloud");
    }

    /**
     * The plane, chosen here but sent with the lab's form (its form attribute): each compared
     * naive procedure's plane, or the landscape's two parameters. The first naive procedure's
     * plane is the default, written {@code naive}.
     */
    private static DomContent planeChooser(Comparison c, Cloud cloud) {
        List<Procedure> compared = c.spec().comparedNaive();
        if (compared.isEmpty()) {
            return null;
        }
        Procedure shown = cloud.plane().params() ? null : cloud.plane().naive().orElse(compared.get(0));
        List<DomContent> options = new ArrayList<>();
        for (Procedure p : compared) {
            String value = p == compared.get(0) ? CloudPlane.NAIVE.id() : new CloudPlane(false, Optional.of(p)).id();
            options.add(option("the correct gradient and " + p.id() + "'s deviation").withValue(value)
                    .condAttr(p == shown, "selected", "selected"));
        }
        options.add(option("two parameters: the landscape's axes").withValue(CloudPlane.PARAMS.id())
                .condAttr(shown == null, "selected", "selected"));
        return p(label(text("The plane "), LabForm.leftOutAtDefault(select(each(options.toArray(new DomContent[0])))
                .withName(Param.PLANE.id()).withId(PLANE_FIELD).attr("form", LabForm.ID), Param.PLANE))).withClass("cloud-plane");
    }

    /** The chart alone, as downloaded. */
    static SvgElement svg(Comparison c) {
        Cloud cloud = Cloud.of(c);
        return svg(c, cloud, caption(c, cloud));
    }

    private static SvgElement svg(Comparison c, Cloud cloud, String description) {
        // words only for the dots drawn: a batch of 10 000 draws 500
        String[] labels = new String[cloud.x().length];
        for (int i : cloud.drawn()) {
            labels[i] = dotLabel(c, cloud, i);
        }
        Map<Procedure, String> names = new LinkedHashMap<>();
        for (Procedure p : cloud.arrows().keySet()) {
            String name = p == Procedure.MEAN_INPUT ? p.id() + ": gradient of the mean example" : p.id();
            boolean spans = cloud.naive().map(p::equals).orElse(false);
            names.put(p, cloud.naive().isPresent() && !spans ? name + " (projected)" : name);
        }
        return CloudChart.render("chart-cloud", cloud, "Every example's gradient, and their mean", description, labels, names);
    }

    /** What to see, in one sentence first; then the plane and what is drawn. */
    static String caption(Comparison c, Cloud cloud) {
        StringBuilder s = new StringBuilder("Each dot is one example's own gradient g_i. The mean of these dots is the "
                + "gradient (ringed)");
        // the naive gradient that spans the plane is drawn as it is; else the one furthest off
        Procedure missing = cloud.naive().orElseGet(() -> worstNaive(c));
        s.append(missing == null ? "." : "; " + missing.id() + "'s arrow is not their mean.");
        s.append(" The path is the running mean of g_1 … g_k, ending on it.");
        if (cloud.naive().isPresent()) {
            s.append(" The plane: along the correct gradient, and across it toward ").append(cloud.naive().get().id())
                    .append(cloud.arrows().size() > 1 ? "; the other arrows are projections on it." : ".");
        } else {
            s.append(" The plane: the parameters ").append(cloud.xName()).append(" and ").append(cloud.yName())
                    .append(cloud.fellBack().isEmpty() ? "." : ", because " + cloud.fellBack() + ".");
        }
        if (!cloud.complete()) {
            s.append(" ").append(cloud.drawn().length).append(" of the ").append(cloud.x().length)
                    .append(" examples are drawn, a seeded sample; the mean and the running mean are of all of them.");
        }
        return s.toString();
    }

    /** The naive procedure furthest from the correct gradient, if any is not exact. */
    private static Procedure worstNaive(Comparison c) {
        Procedure worst = null;
        double largest = ComparisonView.EXACT;
        for (Map.Entry<Procedure, Metrics> e : c.metrics().entrySet()) {
            double err = e.getValue().relativeError();
            if (e.getKey().isNaive() && !(err <= largest)) {
                worst = e.getKey();
                largest = Double.isFinite(err) ? err : Double.MAX_VALUE;
            }
        }
        return worst;
    }

    private static String dotLabel(Comparison c, Cloud cloud, int i) {
        return "example " + i + ": x " + row(c.batch().x(), i) + ", y " + row(c.batch().y(), i) + "; ‖g‖ "
                + Format.num(cloud.norms()[i]);
    }

    private static String row(DMatrixRMaj m, int i) {
        if (m.numCols == 1) {
            return Format.num(m.get(i, 0));
        }
        StringBuilder values = new StringBuilder("(");
        for (int j = 0; j < m.numCols; j++) {
            values.append(j == 0 ? "" : ", ").append(Format.num(m.get(i, j)));
        }
        return values.append(')').toString();
    }

    static DomContent beside(Comparison c, DomContent verdict, LabLinks links) {
        return div(figureOf(c, links), verdict).withClass("cloud-row");
    }
}
