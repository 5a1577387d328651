package gradlab.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.javalin.http.Context;

import gradlab.engine.Trainer;
import gradlab.lab.Comparison;
import gradlab.lab.LabCsv;
import gradlab.lab.LabJson;
import gradlab.lab.LabSpec;
import gradlab.lab.OutputFormat;
import gradlab.lab.Procedures;
import gradlab.lab.Runs;
import gradlab.lab.TrainingRun;

/** The JSON API: the comparison, and a training run streamed as NDJSON or CSV. */
final class ApiController {
    private static final String END = "";
    /** The marker of a run dropped from the queue by a stopping server. */
    private static final String DROPPED = "dropped";

    private final Lab lab;

    ApiController(Lab lab) {
        this.lab = lab;
    }

    /** GET /api/compare: JSON, or with format=csv a table of every parameter's gradients. */
    void compare(Context ctx) {
        Comparison c = lab.compare(ctx.queryString());
        if (c.spec().format() == OutputFormat.CSV) {
            ctx.contentType("text/csv; charset=utf-8").result(LabCsv.comparison(c));
        } else {
            ctx.contentType("application/json").result(LabJson.compare(c));
        }
    }

    /**
     * GET /api/train: the run's records as they are computed. The run works on the pool; this
     * thread writes what it produces, and while the run waits it says how many are ahead,
     * once a second. A write that fails (the client left) cancels the run.
     */
    void train(Context ctx) throws InterruptedException {
        LabSpec spec = lab.spec(ctx.queryString());
        boolean csv = spec.format() == OutputFormat.CSV;
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Runs.Run run = lab.runs().submit(r -> {
            try {
                Trainer trainer = TrainingRun.trainer(spec, lab.limits(), lab.uploads());
                Trainer.Summary s = trainer.run(rec -> lines.add(csv ? LabCsv.row(rec) : LabJson.record(rec)),
                        r::cancelled);
                if (!csv) {
                    lines.add(LabJson.summary(s));
                }
            } finally {
                lines.add(END);
            }
        });
        run.whenDropped(() -> lines.add(DROPPED));
        ctx.status(200).contentType(csv ? "text/csv; charset=utf-8" : "application/x-ndjson")
                .header("X-Accel-Buffering", "no").header("Cache-Control", "no-store");
        try {
            // the servlet's own stream: each record is flushed to the client as it comes
            OutputStream out = ctx.res().getOutputStream();
            if (csv) {
                write(out, LabCsv.header(Procedures.copies(spec)));
            }
            while (true) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    if (run.waiting() && !csv) {
                        write(out, LabJson.queued(run.ahead()));
                    }
                    continue;
                }
                if (line.equals(DROPPED)) {
                    // the server is stopping and this run never started: it ends, as stopped
                    if (!csv) {
                        write(out, LabJson.summary(new Trainer.Summary(0, Trainer.End.STOPPED, Map.of())));
                    }
                    break;
                }
                if (line.equals(END)) {
                    break;
                }
                write(out, line);
            }
        } catch (IOException gone) {
            run.cancel();
        }
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
