package gradlab.web;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.http.sse.SseClient;

import gradlab.data.DataSet;
import gradlab.engine.Trainer;
import gradlab.lab.Comparison;
import gradlab.lab.LabData;
import gradlab.lab.LabSpec;
import gradlab.lab.Runs;
import gradlab.lab.TrainingHistory;
import gradlab.lab.TrainingRun;
import gradlab.lab.ValidationException;
import gradlab.view.TrainingCharts;
import gradlab.view.TrainingView;
import gradlab.view.TrainingView.Event;

/**
 * GET /lab/train: a training run as server-sent events of HTML. A heartbeat comment goes to
 * every open stream every 250 ms: a browser that went away makes that write fail, which
 * closes the stream and cancels its run (queued or running) within a second.
 */
final class TrainStreams implements AutoCloseable {
    static final long HEARTBEAT_MILLIS = 250;
    static final long ROWS_EVERY_MILLIS = 100;
    static final long CHARTS_EVERY_MILLIS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(TrainStreams.class);

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
        Stream stream = new Stream(client);
        LabSpec spec;
        try {
            spec = lab.spec(client.ctx().queryString());
        } catch (ValidationException e) {
            stream.finish(TrainingView.refused(e.getMessage()).render());
            return;
        }
        open.add(stream);
        client.onClose(() -> {
            open.remove(stream);
            stream.cancel();
        });
        try {
            stream.run = lab.runs().submit(run -> train(spec, stream, run));
        } catch (Runs.BusyException busy) {
            open.remove(stream);
            stream.finish(TrainingView.busy().render());
        }
    }

    private void train(LabSpec spec, Stream stream, Runs.Run run) {
        try {
            DataSet data = LabData.load(spec, lab.uploads());
            Trainer trainer = TrainingRun.trainer(spec, data, lab.limits());
            TrainingHistory history = new TrainingHistory();
            StringBuilder rows = new StringBuilder();
            long start = System.nanoTime();
            long[] lastRows = {0};
            long[] lastCharts = {0};
            Trainer.Summary summary = trainer.run(record -> {
                history.add(record);
                rows.append(TrainingView.row(record).render());
                long now = System.nanoTime();
                if (millis(now - lastRows[0]) >= ROWS_EVERY_MILLIS) {
                    stream.send(Event.ROW, rows.toString());
                    rows.setLength(0);
                    stream.send(Event.PROGRESS, TrainingView.progress(record.step(), spec.steps(),
                            (now - start) / 1e9).render());
                    lastRows[0] = now;
                }
                if (millis(now - lastCharts[0]) >= CHARTS_EVERY_MILLIS) {
                    stream.send(Event.CHARTS, charts(history, data, trainer));
                    lastCharts[0] = System.nanoTime();
                }
            }, () -> run.cancelled() || stream.client.terminated());
            if (stream.client.terminated()) {
                return;
            }
            if (rows.length() > 0) {
                stream.send(Event.ROW, rows.toString());
            }
            stream.send(Event.PROGRESS, TrainingView.progress(summary.steps(), spec.steps(),
                    (System.nanoTime() - start) / 1e9).render());
            stream.send(Event.CHARTS, charts(history, data, trainer));
            stream.send(Event.SUMMARY, TrainingView.summary(summary).render());
            stream.finish(TrainingView.done().render());
        } catch (RuntimeException e) {
            LOG.error("training run failed: {}", spec.toQuery(), e);
            stream.finish(TrainingView.failed().render());
        } finally {
            open.remove(stream);
        }
    }

    private static String charts(TrainingHistory history, DataSet data, Trainer trainer) {
        return TrainingCharts.render(history, data, trainer.setup().model(), trainer::theta).render();
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    private void beat() {
        for (Stream s : open) {
            s.beat();
        }
    }

    /** The server is stopping: streams still waiting for a slot are told so and closed. */
    void stopping() {
        for (Stream s : open) {
            Runs.Run r = s.run;
            if (r == null || !r.started()) {
                open.remove(s);
                s.finish(TrainingView.serverStopping().render());
            }
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

    /** One open stream: writes from the run's thread and the heartbeat, one at a time. */
    private static final class Stream {
        final SseClient client;
        volatile Runs.Run run;
        private long lastQueuedNanos;

        Stream(SseClient client) {
            this.client = client;
        }

        synchronized void send(Event event, String html) {
            if (!client.terminated()) {
                client.sendEvent(event.id(), html);
            }
        }

        /** The last event: the controls after the run; then the stream closes. */
        synchronized void finish(String controls) {
            send(Event.DONE, controls);
            client.close();
        }

        synchronized void beat() {
            if (client.terminated()) {
                return;
            }
            Runs.Run r = run;
            long now = System.nanoTime();
            if (r != null && r.waiting() && now - lastQueuedNanos >= 1_000_000_000L) {
                send(Event.QUEUED, TrainingView.queued(r.ahead()).render());
                lastQueuedNanos = now;
            } else {
                client.sendComment("");
            }
        }

        void cancel() {
            Runs.Run r = run;
            if (r != null) {
                r.cancel();
            }
        }
    }
}
