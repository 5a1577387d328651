package gradlab.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.javalin.http.Context;

import gradlab.lab.LabCsv;
import gradlab.lab.LabJson;
import gradlab.lab.LabSpec;
import gradlab.lab.OutputFormat;
import gradlab.lab.QueuedRun;
import gradlab.lab.RunEvent;
import gradlab.lab.RunLines;

/** The JSON API: the comparison, and a training run streamed as NDJSON or CSV. */
final class ApiController {
    private final Lab lab;
    /** The training streams being written: a stopping server waits for their summaries. */
    private final OpenRequests trainings = new OpenRequests();

    ApiController(Lab lab) {
        this.lab = lab;
    }

    /**
     * The server is stopping and every run has been told its end: waits, at most
     * {@code millis}, until each training stream has written it and returned.
     */
    boolean awaitTrainingsEnded(long millis) throws InterruptedException {
        return trainings.awaitNone(millis);
    }

    /** GET /api/compare: JSON, or with format=csv a table of every parameter's gradients. */
    void compare(Context ctx) throws InterruptedException {
        String body = lab.compare(Clients.of(ctx), ctx.queryString(), c -> {
            boolean csv = c.spec().format() == OutputFormat.CSV;
            ctx.contentType(csv ? "text/csv; charset=utf-8" : "application/json");
            return csv ? LabCsv.comparison(c) : LabJson.compare(c);
        });
        ctx.result(body);
    }

    /**
     * GET /api/train: the run's records as they are computed, as NDJSON or CSV lines. The run
     * works on the pool and its events come here, where this thread writes them; a second
     * without one, the run is asked to say its place in line if it still waits. However this
     * request ends — the run's last event, a write that fails because the client left — its
     * run ends with it (a no-op once the run has ended).
     */
    void train(Context ctx) throws InterruptedException {
        LabSpec spec = lab.spec(ctx.queryString());
        RunLines lines = RunLines.of(spec);
        BlockingQueue<RunEvent> events = new LinkedBlockingQueue<>();
        QueuedRun run = lab.trainings().submit(Clients.of(ctx), spec, events::add);
        trainings.opened();
        // a run that waits says so first, at once
        run.tick();
        streamHeaders(ctx, lines);
        try {
            // the servlet's own stream: each line is flushed to the client as it comes
            OutputStream out = ctx.res().getOutputStream();
            write(out, lines.header());
            RunEvent e;
            do {
                e = next(events, run);
                write(out, lines.line(e));
            } while (!e.last());
        } catch (IOException gone) {
            // the client left: nobody reads the rest
        } finally {
            run.cancel();
            trainings.closed();
        }
    }

    /** HEAD /api/train: what GET would answer before its first record (a bad value is 422), and no run. */
    void trainHead(Context ctx) throws IOException {
        streamHeaders(ctx, RunLines.of(lab.spec(ctx.queryString())));
        // sent now, as a stream's are: no Content-Length of 0 for a body that GET would stream
        ctx.res().flushBuffer();
    }

    /** A stream's headers: never compressed (a compressor holds records back) nor buffered by a proxy. */
    private static void streamHeaders(Context ctx, RunLines lines) {
        ctx.disableCompression().status(200).contentType(lines.mediaType())
                .header("X-Accel-Buffering", "no").header("Cache-Control", "no-store");
    }

    /** The run's next event, ticking it each second it is quiet (a quiet run may be waiting for a slot). */
    private static RunEvent next(BlockingQueue<RunEvent> events, QueuedRun run) throws InterruptedException {
        RunEvent e;
        while ((e = events.poll(1, TimeUnit.SECONDS)) == null) {
            run.tick();
        }
        return e;
    }

    private static void write(OutputStream out, Optional<String> line) throws IOException {
        if (line.isPresent()) {
            write(out, line.get());
        }
    }

    private static void write(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
