package gradlab.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

import gradlab.lab.ComparisonMemory.Extent;
import gradlab.lab.LabSpec;
import gradlab.lab.MemoryBudget;
import gradlab.lab.Procedures;
import gradlab.lab.Query;
import gradlab.lab.ValidationException;
import gradlab.view.ComparisonChart;
import gradlab.view.Html;
import gradlab.view.LabPage;
import gradlab.view.LandscapeView;
import gradlab.view.StepControls;
import gradlab.view.TrainingView;

/** The lab's pages: the whole page, its htmx fragments, the training panel. */
final class LabController {
    private final Lab lab;

    LabController(Lab lab) {
        this.lab = lab;
    }

    /** GET /lab: the page, or (for htmx) the new comparison. */
    void page(Context ctx) throws InterruptedException {
        boolean fragment = ctx.header("HX-Request") != null && ctx.header("HX-History-Restore-Request") == null;
        if (fragment && showsAlready(ctx)) {
            // the form asks again for the address shown (a text field left after its input was
            // sent fires change too): one history entry per change, not two
            ctx.header("HX-Push-Url", "false");
        }
        String client = Clients.of(ctx);
        if (fragment) {
            // a refusal keeps the last good result, its step controls included (Errors)
            ctx.html(lab.compare(client, ctx.queryString(), LabPage::fragment));
            return;
        }
        try {
            ctx.html(lab.compare(client, ctx.queryString(), c -> LabPage.page(c, lab.limits())));
        } catch (ValidationException refused) {
            if (!Lab.STEP.contains(refused.param())) {
                throw refused;
            }
            // a page has no last good result: it shows the nearest one, with the step controls to move
            // from there and the message at the step's field, still as a refusal
            StepControls.Refusal shown = new StepControls.Refusal(refused.param(), typed(ctx, refused.param()),
                    refused.getMessage());
            String html = lab.nearest(client, Query.parse(ctx.queryString()), refused,
                    c -> LabPage.refusedStep(c, lab.limits(), shown));
            ctx.status(422).html(html);
        }
    }

    /** What the query says for a parameter, as typed (empty when it cannot be read). */
    private static String typed(Context ctx, String param) {
        try {
            String v = ctx.queryParam(param);
            return v == null ? "" : v;
        } catch (RuntimeException unreadable) {
            return "";
        }
    }

    /** Whether the page that asks is already at this request's address (htmx sends it as HX-Current-URL). */
    private static boolean showsAlready(Context ctx) {
        String current = ctx.header("HX-Current-URL");
        if (current == null) {
            return false;
        }
        try {
            URI shown = new URI(current);
            return ctx.path().equals(shown.getRawPath()) && Objects.equals(ctx.queryString(), shown.getRawQuery());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * GET /lab/landscape: the lab's parameters and, optionally, the plane's axes px and py
     * (indices into θ); asked for by the page once the comparison is shown.
     */
    void landscape(Context ctx) throws InterruptedException {
        ctx.html(lab.landscape(Clients.of(ctx), Query.parse(ctx.queryString()), (c, l) -> Html.render(LandscapeView.panel(c, l))));
    }

    /** GET /lab/chart/{name}: one of the comparison's charts alone, as an SVG file to save. */
    void chart(Context ctx) throws InterruptedException {
        ComparisonChart chart = ComparisonChart.parse(ctx.pathParam("name")).orElseThrow(NotFoundResponse::new);
        try {
            Query query = Query.parse(ctx.queryString());
            String svg = chart == ComparisonChart.LANDSCAPE
                    ? lab.landscape(Clients.of(ctx), query, (c, l) -> ComparisonChart.svg(chart, c, l))
                    : lab.compare(Clients.of(ctx), query.without(Lab.AXES), Extent.COMPARISON, c -> ComparisonChart.svg(chart, c, null));
            ctx.contentType("image/svg+xml; charset=utf-8").result(svg);
        } catch (ValidationException e) {
            // what a browser saves must not be a page: the reason, as text
            ctx.status(422).contentType("text/plain; charset=utf-8").result(e.getMessage());
        } catch (MemoryBudget.FullException e) {
            ctx.status(503).header("Retry-After", String.valueOf(MemoryBudget.RETRY_AFTER_SECONDS))
                    .contentType("text/plain; charset=utf-8").result(Errors.MEMORY_FULL);
        }
    }

    /** GET /lab/run: the panel whose stream element starts the run. */
    void run(Context ctx) {
        LabSpec spec = lab.spec(ctx.queryString());
        ctx.html(Html.render(TrainingView.running(spec, Procedures.copies(spec))));
    }
}
