package gradlab.web;

import java.time.Clock;
import java.time.Duration;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.config.SizeUnit;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;

import gradlab.config.Settings;
import gradlab.lab.ClientQuota;
import gradlab.lab.Lessons;
import gradlab.lab.MemoryBudget;
import gradlab.lab.Runs;
import gradlab.lab.UploadStore;
import gradlab.lab.ValidationException;
import gradlab.view.Paths;
import gradlab.view.ProcedureStyles;

/**
 * The web server: one route table, the security headers, the error pages, static files
 * and the WebJars. Training runs and open streams are shut down with it.
 */
public final class Server {
    /** How long a stopping server lets running training runs send their summaries. */
    static final long STOP_MILLIS = 3_000;
    /** How long a comparison waits for memory that others hold before it is refused. */
    static final Duration COMPARE_WAIT = Duration.ofSeconds(1);

    private final Javalin app;
    private final Runs runs;
    private final TrainStreams streams;
    private final Lab lab;

    private Server(Javalin app, Runs runs, TrainStreams streams, Lab lab) {
        this.app = app;
        this.runs = runs;
        this.streams = streams;
        this.lab = lab;
    }

    /** A server that is not started yet. */
    public static Server create(Settings settings, Lessons lessons) {
        Runs runs = new Runs(settings.maxRuns(), settings.queueLength());
        UploadStore uploads = new UploadStore(settings.uploads(), Clock.systemUTC());
        ClientQuota quota = new ClientQuota(settings.runsPerClient());
        MemoryBudget memory = new MemoryBudget(settings.compareMemory(), COMPARE_WAIT);
        Lab lab = new Lab(settings.limits(), uploads, runs, quota, memory);
        TrainStreams streams = new TrainStreams(lab);
        LabController labPages = new LabController(lab);
        LessonController lessonPages = new LessonController(lessons, lab);
        UploadController uploadPages = new UploadController(uploads, settings.uploads());
        ApiController api = new ApiController(lab);
        Health health = new Health(runs);
        Headers headers = new Headers(settings);
        Errors errors = new Errors(settings);
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            // streams must leave record by record: no compression buffering them
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            cfg.jetty.host = settings.host();
            // an upload is held in memory, never in a temporary file, and never beyond the cap
            long cap = settings.uploads().maxBytes();
            cfg.jetty.multipartConfig.maxFileSize(cap, SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxInMemoryFileSize((int) cap, SizeUnit.BYTES);
            cfg.jetty.multipartConfig.maxTotalRequestSize(cap + UploadController.ENVELOPE, SizeUnit.BYTES);
            cfg.http.maxRequestSize = cap + UploadController.ENVELOPE;
            cfg.staticFiles.enableWebjars();
            cfg.staticFiles.add(sf -> {
                sf.hostedPath = "/static";
                sf.directory = "/static";
                sf.location = Location.CLASSPATH;
            });
            cfg.jetty.modifyServer(jetty -> jetty.setErrorHandler(new JettyErrors(headers)));
            cfg.routes.before(headers::secure);

            cfg.routes.get(Paths.HOME, lessonPages::gallery);
            cfg.routes.get(Paths.LESSON, lessonPages::lesson);
            cfg.routes.get(Paths.LAB, labPages::page);
            cfg.routes.get(Paths.UPLOAD, uploadPages::form);
            cfg.routes.post(Paths.UPLOAD, uploadPages::upload);
            cfg.routes.get(Paths.LAB_RUN, labPages::run);
            cfg.routes.get(Paths.LAB_LANDSCAPE, labPages::landscape);
            cfg.routes.get(Paths.LAB_CHART, labPages::chart);
            cfg.routes.sse(Paths.LAB_TRAIN, streams::open);
            cfg.routes.get(Paths.API_COMPARE, api::compare);
            cfg.routes.get(Paths.API_TRAIN, api::train);
            cfg.routes.get(Paths.HEALTH, health::get);
            cfg.routes.get(Paths.PROCEDURE_STYLES, ctx -> ctx.contentType("text/css; charset=utf-8")
                    // the same for every page of this jar
                    .header("Cache-Control", "max-age=3600").result(ProcedureStyles.css()));

            cfg.routes.exception(ValidationException.class, errors::validation);
            cfg.routes.exception(Runs.BusyException.class, errors::busy);
            cfg.routes.exception(ClientQuota.FullException.class, errors::tooManyRuns);
            cfg.routes.exception(MemoryBudget.FullException.class, errors::memoryFull);
            cfg.routes.exception(HttpResponseException.class, errors::refused);
            cfg.routes.exception(Exception.class, errors::unexpected);
            cfg.routes.error(404, errors::notFound);
            cfg.events.serverStopping(() -> {
                // running streams end as "stopped" with their summary; waiting ones are dropped and told why
                try {
                    runs.stop(STOP_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                streams.close();
                runs.close();
            });
        });
        return new Server(app, runs, streams, lab);
    }

    public Server start(int port) {
        app.start(port);
        return this;
    }

    public void stop() {
        app.stop();
    }

    public int port() {
        return app.port();
    }

    public Javalin javalin() {
        return app;
    }

    /** Training runs running now (for tests and /health). */
    public int running() {
        return runs.running();
    }

    /** Training runs that clients hold now, waiting or running, and how many clients hold them (for tests). */
    public ClientQuota clientRuns() {
        return lab.trainings().quota();
    }

    /** The memory comparisons hold now (for tests). */
    public MemoryBudget compareMemory() {
        return lab.memory();
    }

    /** Streams open now. */
    public int openStreams() {
        return streams.open();
    }
}
