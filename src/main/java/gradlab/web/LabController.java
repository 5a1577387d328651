package gradlab.web;

import io.javalin.http.Context;

import gradlab.lab.Comparison;
import gradlab.lab.LabSpec;
import gradlab.lab.Landscape;
import gradlab.lab.Procedures;
import gradlab.lab.Query;
import gradlab.engine.Trainer;
import gradlab.view.LabPage;
import gradlab.view.LandscapeView;
import gradlab.view.TrainingView;

/** The lab's pages: the whole page, its htmx fragments, the training panel. */
final class LabController {
    private final Lab lab;

    /** The landscape's axes: indices into θ. */
    private static final String[] AXES = {"px", "py"};

    LabController(Lab lab) {
        this.lab = lab;
    }

    /** GET /lab: the page, or (for htmx) the new comparison. */
    void page(Context ctx) {
        Comparison c = lab.compare(ctx.queryString());
        boolean fragment = ctx.header("HX-Request") != null && ctx.header("HX-History-Restore-Request") == null;
        ctx.html(fragment ? LabPage.fragment(c) : LabPage.page(c, lab.limits()));
    }

    /**
     * GET /lab/landscape: the lab's parameters and, optionally, the plane's axes px and py
     * (indices into θ); asked for by the page once the comparison is shown.
     */
    void landscape(Context ctx) {
        // px and py are the landscape's, not the lab's
        Comparison c = lab.compare(Query.parse(ctx.queryString()).without(AXES));
        int scalars = c.theta().size();
        Integer px = axis(ctx.queryParam("px"), scalars);
        Integer py = axis(ctx.queryParam("py"), scalars);
        Landscape l = px != null && py != null && !px.equals(py) ? Landscape.compute(c, px, py) : Landscape.compute(c);
        ctx.html(LandscapeView.panel(c, l).render());
    }

    private static Integer axis(String text, int scalars) {
        if (text == null || !text.matches("[0-9]{1,6}")) {
            return null;
        }
        int j = Integer.parseInt(text);
        return j < scalars ? j : null;
    }

    /** GET /lab/run: the panel whose stream element starts the run. */
    void run(Context ctx) {
        LabSpec spec = lab.spec(ctx.queryString());
        ctx.html(TrainingView.running(spec, Procedures.copies(spec)).render());
    }
}
