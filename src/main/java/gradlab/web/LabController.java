package gradlab.web;

import io.javalin.http.Context;

import gradlab.lab.Comparison;
import gradlab.lab.LabSpec;
import gradlab.lab.Procedures;
import gradlab.engine.Trainer;
import gradlab.view.LabPage;
import gradlab.view.TrainingView;

/** The lab's pages: the whole page, its htmx fragments, the training panel. */
final class LabController {
    private final Lab lab;

    LabController(Lab lab) {
        this.lab = lab;
    }

    /** GET /lab: the page, or (for htmx) the new comparison. */
    void page(Context ctx) {
        Comparison c = lab.compare(ctx.queryString());
        boolean fragment = ctx.header("HX-Request") != null && ctx.header("HX-History-Restore-Request") == null;
        ctx.html(fragment ? LabPage.fragment(c) : LabPage.page(c, lab.limits()));
    }

    /** GET /lab/run: the panel whose stream element starts the run. */
    void run(Context ctx) {
        LabSpec spec = lab.spec(ctx.queryString());
        ctx.html(TrainingView.running(spec, Procedures.trained(spec).stream().map(Trainer.Copy::id).toList()).render());
    }
}
