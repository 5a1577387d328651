package gradlab.web;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.compression.Gzip;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.util.ConcurrencyUtil;

import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;

import gradlab.config.Settings;
import gradlab.lab.Classes;
import gradlab.lab.ClientQuota;
import gradlab.lab.CodeGuesses;
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
    /** How long a stopping server waits for its running training runs to have told their ends. */
    static final long STOP_MILLIS = 3_000;
    /**
     * How long a stopping server waits for the API's training streams to write the ends their
     * runs were told (a line each: milliseconds, unless the machine is very busy).
     */
    static final long STREAMS_END_MILLIS = 2_000;
    /** Pages computed at once (the rest wait their turn, first come, first served). */
    static final int PAGES_AT_ONCE = 4 * Runtime.getRuntime().availableProcessors();
    /** Connections the kernel holds for the server before it accepts them. */
    static final int ACCEPT_QUEUE = 1024;
    /** How long a comparison waits for memory that others hold before it is refused. */
    static final Duration COMPARE_WAIT = Duration.ofSeconds(1);

    private final Javalin app;
    private final Runs runs;
    private final TrainStreams streams;
    private final Settings settings;
    private final Lessons lessons;
    private final Lab lab;
    /** Requests being answered now: while there are any, the runs leave them a processor. */
    private final AtomicInteger answering;

    private final Classes classes;
    private final ClassStreams classStreams;

    private Server(Javalin app, Runs runs, TrainStreams streams, Settings settings, Lessons lessons, Lab lab,
                   AtomicInteger answering, Classes classes, ClassStreams classStreams) {
        this.classes = classes;
        this.classStreams = classStreams;
        this.answering = answering;
        this.app = app;
        this.runs = runs;
        this.streams = streams;
        this.settings = settings;
        this.lessons = lessons;
        this.lab = lab;
    }

    /** A server that is not started yet. */
    public static Server create(Settings settings, Lessons lessons) {
        return create(settings, lessons, Clock.systemUTC());
    }

    /** A server whose classes age by {@code clock} (a test's clock can make them expire). */
    public static Server create(Settings settings, Lessons lessons, Clock clock) {
        // begun runs may hold a quarter of the heap together; beyond that, runs wait in line
        AtomicInteger answering = new AtomicInteger();
        Runs runs = new Runs(settings.maxRuns(), settings.queueLength(), settings.activeRuns(),
                Runtime.getRuntime().maxMemory() / 4, () -> answering.get() > 0);
        UploadStore uploads = new UploadStore(settings.uploads(), Clock.systemUTC());
        ClientQuota quota = new ClientQuota(settings.runsPerClient());
        MemoryBudget memory = new MemoryBudget(settings.compareMemory(), COMPARE_WAIT);
        Lab lab = new Lab(settings.limits(), uploads, runs, quota, memory);
        TrainStreams streams = new TrainStreams(lab);
        LabController labPages = new LabController(lab);
        LessonController lessonPages = new LessonController(lessons, lab);
        UploadController uploadPages = new UploadController(uploads, settings.uploads());
        ApiController api = new ApiController(lab);
        Classes classes = new Classes(settings.classes(), clock);
        CodeGuesses guesses = new CodeGuesses(clock);
        ClassStreams classStreams = new ClassStreams(classes, guesses, settings.limits());
        ClassController classPages = new ClassController(classes, guesses, lessons, classStreams);
        ClientAddress address = new ClientAddress(settings.trustedProxies());
        Health health = new Health(runs, classes);
        Headers headers = new Headers(settings);
        Errors errors = new Errors(settings);
        PageGate gate = new PageGate(PAGES_AT_ONCE);
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            // the address quotas count a client without cookies by: X-Forwarded-For only from a trusted proxy
            cfg.contextResolver.ip = address::of;
            // pages, fragments, JSON and static files are gzipped for a client that accepts it; the
            // streams write to the servlet's own output and turn compression off besides (TrainStreams,
            // ApiController), so that each record leaves as soon as it is computed
            cfg.http.compressionStrategy = new CompressionStrategy(null, new Gzip());
            cfg.jetty.host = settings.host();
            // a class connects at once: the kernel's line of connections not yet accepted must hold
            // all of them, or the ones beyond it are dropped and their browsers try again a second later
            cfg.jetty.addConnector((jetty, http) -> {
                ServerConnector connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
                connector.setHost(cfg.jetty.host);
                connector.setPort(cfg.jetty.port);
                connector.setAcceptQueueSize(ACCEPT_QUEUE);
                return connector;
            });
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
            // a write that waits this long on a client who reads nothing fails and frees its thread; a
            // stream that is read (the heartbeat every 250 ms) never waits that long
            cfg.jetty.modifyHttpConfiguration(http -> http.setIdleTimeout(settings.writeTimeout().toMillis()));
            cfg.jetty.threadPool = ConcurrencyUtil.jettyThreadPool("JettyServerThreadPool", 8, settings.maxThreads(), false);
            cfg.routes.before(headers::secure);
            // only what computes a page or an answer is counted: a stream stays open for a whole run or a
            // whole class, and counted it would keep a processor from the runs for nobody
            cfg.routes.before(ctx -> {
                if (!isStream(ctx)) {
                    answering.incrementAndGet();
                }
            });
            cfg.routes.before(ClassController::sameOrigin);
            cfg.routes.after(ctx -> {
                if (!isStream(ctx)) {
                    answering.decrementAndGet();
                }
            });

            cfg.routes.get(Paths.HOME, lessonPages::gallery);
            cfg.routes.get(Paths.LESSON, gate.around(lessonPages::lesson));
            cfg.routes.get(Paths.LESSON_AFTER, gate.around(lessonPages::after));
            cfg.routes.get(Paths.LAB, gate.around(labPages::page));
            cfg.routes.get(Paths.UPLOAD, uploadPages::form);
            cfg.routes.post(Paths.UPLOAD, uploadPages::upload);
            cfg.routes.get(Paths.LAB_RUN, labPages::run);
            cfg.routes.get(Paths.LAB_LANDSCAPE, gate.around(labPages::landscape));
            cfg.routes.get(Paths.LAB_CHART, gate.around(labPages::chart));
            cfg.routes.sse(Paths.LAB_TRAIN, streams::open);
            cfg.routes.get(Paths.API_COMPARE, gate.around(api::compare));
            cfg.routes.get(Paths.API_TRAIN, api::train);
            cfg.routes.get(Paths.HEALTH, health::get);
            cfg.routes.get(Paths.PROCEDURE_STYLES, Server::procedureStyles);
            cfg.routes.get(Paths.CLASS, classPages::startForm);
            cfg.routes.post(Paths.CLASS, classPages::start);
            cfg.routes.get(Paths.JOIN, classPages::joinForm);
            cfg.routes.post(Paths.JOIN, classPages::join);
            cfg.routes.get(Paths.CLASS_PAGE, classPages::student);
            cfg.routes.post(Paths.CLASS_PREDICT, classPages::predict);
            cfg.routes.get(Paths.CLASS_EVENTS, classPages::studentEvents);
            cfg.routes.get(Paths.CLASS_TEACH, classPages::teach);
            cfg.routes.get(Paths.CLASS_TEACH_EVENTS, classPages::teachEvents);
            cfg.routes.post(Paths.CLASS_REVEAL, classPages::reveal);
            cfg.routes.post(Paths.CLASS_NEXT, classPages::next);
            cfg.routes.get(Paths.CLASS_CSV, classPages::csv);
            // HEAD answers what GET would, status and headers (Jetty leaves the body out); a training run
            // never starts for one
            cfg.routes.head(Paths.HOME, lessonPages::gallery);
            cfg.routes.head(Paths.LESSON, lessonPages::lesson);
            cfg.routes.head(Paths.LESSON_AFTER, lessonPages::after);
            cfg.routes.head(Paths.LAB, labPages::page);
            cfg.routes.head(Paths.UPLOAD, uploadPages::form);
            cfg.routes.head(Paths.LAB_RUN, labPages::run);
            cfg.routes.head(Paths.LAB_LANDSCAPE, labPages::landscape);
            cfg.routes.head(Paths.LAB_CHART, labPages::chart);
            cfg.routes.head(Paths.LAB_TRAIN, TrainStreams::head);
            cfg.routes.head(Paths.API_COMPARE, api::compare);
            cfg.routes.head(Paths.API_TRAIN, api::trainHead);
            cfg.routes.head(Paths.HEALTH, health::get);
            cfg.routes.head(Paths.PROCEDURE_STYLES, Server::procedureStyles);
            cfg.routes.head(Paths.CLASS, classPages::startForm);
            cfg.routes.head(Paths.JOIN, classPages::joinForm);
            cfg.routes.head(Paths.CLASS_PAGE, classPages::student);
            cfg.routes.head(Paths.CLASS_EVENTS, classPages::studentEventsHead);
            cfg.routes.head(Paths.CLASS_TEACH, classPages::teach);
            cfg.routes.head(Paths.CLASS_TEACH_EVENTS, classPages::teachEventsHead);
            cfg.routes.head(Paths.CLASS_CSV, classPages::csv);
            // a method a route does not serve is 405 with the methods it does, not 404
            cfg.http.prefer405over404 = true;

            cfg.routes.exception(ValidationException.class, errors::validation);
            cfg.routes.exception(Runs.BusyException.class, errors::busy);
            cfg.routes.exception(ClientQuota.FullException.class, errors::tooManyRuns);
            cfg.routes.exception(MemoryBudget.FullException.class, errors::memoryFull);
            cfg.routes.exception(HttpResponseException.class, errors::refused);
            cfg.routes.exception(Exception.class, errors::unexpected);
            cfg.routes.error(404, errors::notFound);
            cfg.events.serverStopping(() -> {
                // running streams end at once as "stopped" with their summary, without waiting for
                // their runs' next steps; waiting ones are dropped and told why
                try {
                    runs.stop(STOP_MILLIS);
                    api.awaitTrainingsEnded(STREAMS_END_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                streams.close();
                classStreams.close();
                runs.close();
            });
        });
        return new Server(app, runs, streams, settings, lessons, lab, answering, classes, classStreams);
    }

    /**
     * Does what a class's first minutes do for {@code seconds}, so that a fresh JVM's first
     * compilations do not land on the first students; call it before {@link #start}.
     */
    public Server warmUp(double seconds) {
        if (seconds > 0) {
            Warmup.run(settings, lessons, seconds);
        }
        return this;
    }

    /** Whether the request is for a stream: a training run's records or a class's events. */
    private static boolean isStream(Context ctx) {
        String path = ctx.path();
        return path.equals(Paths.LAB_TRAIN) || path.equals(Paths.API_TRAIN) || ClassController.isStream(ctx);
    }

    /** How many requests are being answered now, streams aside. */
    int answering() {
        return answering.get();
    }

    /** The procedures' colours, the same for every page of this jar. */
    private static void procedureStyles(Context ctx) {
        ctx.contentType("text/css; charset=utf-8").header("Cache-Control", "max-age=3600").result(ProcedureStyles.css());
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

    /** The live classes (for tests). */
    public Classes classes() {
        return classes;
    }

    /** Class streams open now, students' and instructors' (for tests). */
    public int openClassStreams() {
        return classStreams.open();
    }
}
