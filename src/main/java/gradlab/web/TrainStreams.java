package gradlab.web;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;

import gradlab.lab.ClientQuota;
import gradlab.lab.LabSpec;
import gradlab.lab.QueuedRun;
import gradlab.lab.RunEvent;
import gradlab.lab.RunThrottle;
import gradlab.lab.Runs;
import gradlab.lab.ValidationException;
import gradlab.view.Html;
import gradlab.view.TrainingView;
import gradlab.view.TrainingView.Event;

/**
 * GET /lab/train: a training run as server-sent events of HTML ({@link TrainFragments}). A
 * heartbeat goes to every open stream every 250 ms — the run's place in line while it waits
 * and that is due, else a comment: a browser that went away makes that write fail, which
 * closes the stream and cancels its run (queued or running) within a second.
 */
final class TrainStreams implements AutoCloseable {
    static final long HEARTBEAT_MILLIS = 250;

    private final Lab lab;
    private final Set<Stream> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gradlab-heartbeat");
        t.setDaemon(true);
        return t;
    });

    TrainStreams(Lab lab) {
        this.lab = lab;
        heartbeat.scheduleAtFixedRate(this::beat, HEARTBEAT_MILLIS, HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** How many streams are open now. */
    int open() {
        return open.size();
    }

    void open(SseClient client) {
        client.keepAlive();
        LabSpec spec;
        try {
            spec = lab.spec(client.ctx().queryString());
        } catch (ValidationException e) {
            finish(client, Html.render(TrainingView.refused(e.getMessage())));
            return;
        }
        Stream stream = new Stream(client, new TrainFragments(spec.steps(), new RunThrottle(System::nanoTime)));
        open.add(stream);
        client.onClose(() -> {
            open.remove(stream);
            stream.cancel();
        });
        try {
            stream.run = lab.trainings().submit(Clients.of(client.ctx()), spec, stream);
        } catch (Runs.BusyException busy) {
            open.remove(stream);
            finish(client, Html.render(TrainingView.busy()));
            return;
        } catch (ClientQuota.FullException tooMany) {
            open.remove(stream);
            finish(client, Html.render(TrainingView.tooMany(tooMany.getMessage())));
            return;
        }
        if (client.terminated()) {
            // it went away before its run was known here, so closing could not cancel it
            stream.cancel();
        } else {
            // a run that waits says so at once, not at the next heartbeat
            stream.beat();
        }
    }

    /** HEAD /lab/train: the headers of an event stream, and no run (a browser's EventSource never sends HEAD). */
    static void head(Context ctx) throws java.io.IOException {
        ctx.status(200).contentType("text/event-stream;charset=utf-8").header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no");
        // sent now, as a stream's are: no Content-Length of 0 for a body that GET would stream
        ctx.res().flushBuffer();
    }

    /** The only event of a stream that has no run: the controls, then the stream closes. */
    private static void finish(SseClient client, String controls) {
        if (!client.terminated()) {
            client.sendEvent(Event.DONE.id(), controls);
        }
        client.close();
    }

    private void beat() {
        for (Stream s : open) {
            s.beat();
        }
    }

    /** Closes every open stream (the server is stopping) and stops the heartbeat. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        for (Stream s : open) {
            s.cancel();
            s.client.close();
        }
        open.clear();
    }

    /**
     * One open stream: the consumer of its run's events. The run's thread, the heartbeat and a
     * stopping server write to it, one at a time; its last event closes it.
     */
    private final class Stream implements Consumer<RunEvent> {
        final SseClient client;
        private final TrainFragments fragments;
        volatile QueuedRun run;

        Stream(SseClient client, TrainFragments fragments) {
            this.client = client;
            this.fragments = fragments;
        }

        @Override
        public void accept(RunEvent e) {
            if (!client.terminated()) {
                // drawn before taking the lock, so the heartbeat is not held up by the charts
                send(e.handle(fragments), e.last());
            }
            if (e.last()) {
                open.remove(this);
            }
        }

        private synchronized void send(List<TrainFragments.Fragment> out, boolean last) {
            for (TrainFragments.Fragment f : out) {
                if (!client.terminated()) {
                    client.sendEvent(f.event().id(), f.html());
                }
            }
            if (last) {
                client.close();
            }
        }

        void beat() {
            if (client.terminated()) {
                return;
            }
            QueuedRun r = run;
            if (r == null || !r.tick()) {
                comment();
            }
        }

        private synchronized void comment() {
            if (!client.terminated()) {
                client.sendComment("");
            }
        }

        void cancel() {
            QueuedRun r = run;
            if (r != null) {
                r.cancel();
            }
        }
    }
}
