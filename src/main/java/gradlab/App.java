package gradlab;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gradlab.config.Config;
import gradlab.config.Settings;
import gradlab.lab.Lessons;
import gradlab.tools.Bench;
import gradlab.tools.ClassLoadTest;
import gradlab.tools.ExitCode;
import gradlab.tools.Jit;
import gradlab.tools.LoadTest;
import gradlab.view.LessonText;
import gradlab.web.Server;

/**
 * Start-up: the command line's commands, or the server with its settings from flags and
 * {@code GRADLAB_*} environment variables (a flag wins).
 */
public final class App {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);
    /** How many simulated students rehearse a class before the server listens: a whole class. */
    private static final int WARMUP_STUDENTS = 200;
    /** The share of the warm-up spent on labs in process; the rest rehearses classes over HTTP. */
    private static final double IN_PROCESS_SHARE = 0.1;
    /** How long the JIT compiler may take, at most, to work off the rehearsals' backlog. */
    private static final long SETTLE_MILLIS = 5_000;
    /** How much later than its time the warm-up may end: a class on a busy machine is cut short there. */
    private static final long OVERTIME_NANOS = 5_000_000_000L;

    private App() {
    }

    public static void main(String[] args) {
        // no exit code while the server runs: the JVM must not exit
        run(args).ifPresent(code -> System.exit(code.status()));
    }

    /** Runs a command and returns how it ended, or starts the server and returns nothing. */
    static Optional<ExitCode> run(String[] args) {
        String command = args.length == 0 ? "" : args[0];
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        switch (command) {
            case "compare", "train" -> {
                return Optional.of(new Cli(System.out, System.err).run(command, rest));
            }
            case "bench" -> {
                return Optional.of(new Bench(System.out, System.err).run(rest));
            }
            case "loadtest" -> {
                return Optional.of(new LoadTest(System.out, System.err).run(rest));
            }
            case "classtest" -> {
                return Optional.of(new ClassLoadTest(System.out, System.err).run(rest));
            }
            case "--help", "-h", "help" -> {
                System.out.println(Cli.help());
                return Optional.of(ExitCode.OK);
            }
            default -> {
                Settings settings;
                try {
                    settings = Config.parse(List.of(args), System.getenv());
                } catch (IllegalArgumentException e) {
                    System.err.println("gradlab: " + e.getMessage());
                    return Optional.of(ExitCode.BAD_INPUT);
                }
                serve(settings);
                return Optional.empty();
            }
        }
    }

    /**
     * The request path a class uses (Jetty, the handlers, the streams) warms too, on a server of
     * its own on a loopback port: classes of simulated students rehearse on it until the warm-up's
     * time is spent (at least one class), and it is then stopped. Compiled code is the JVM's,
     * whichever server ran it. After each class the JIT compiler is let finish what the class gave
     * it: while its queue is long it promotes little to its top tier, and the next class then
     * finds what is still hot and promotes that; otherwise the first real class would pay for it.
     */
    private static void warmOverHttp(Settings settings, Lessons lessons, long end) {
        if (settings.warmupSeconds() == 0) {
            return;
        }
        Server rehearsal = Server.create(settings.with(b -> {
            b.host = "127.0.0.1";
            b.port = 0;
        }), lessons).start(0);
        ExecutorService classes = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gradlab-warmup-class");
            t.setDaemon(true);
            return t;
        });
        try {
            long last = 0;
            do {
                long begun = System.nanoTime();
                Future<?> rehearsed = classes.submit(() -> {
                    LoadTest.rehearse(WARMUP_STUDENTS, "http://127.0.0.1:" + rehearsal.port());
                    return null;
                });
                // a class on a busy machine may take longer than the warm-up has left: the server
                // then listens at most OVERTIME_NANOS late, and the class is cut short
                rehearsed.get(Math.max(0, end + OVERTIME_NANOS - System.nanoTime()), TimeUnit.NANOSECONDS);
                Jit.settle(Math.max(0, Math.min(SETTLE_MILLIS, (end + OVERTIME_NANOS - System.nanoTime()) / 1_000_000)));
                last = System.nanoTime() - begun;
                // another class where it would end in time (with its overtime), as long as the last one took
            } while (System.nanoTime() + last < end + OVERTIME_NANOS);
        } catch (TimeoutException late) {
            LOG.info("the warm-up's last class was cut short at its time");
        } catch (ExecutionException e) {
            LOG.warn("the warm-up's rehearsal stopped early: {}", e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            rehearsal.stop();
            classes.shutdownNow();
        }
        // the rehearsals' garbage goes now, not during the first class
        System.gc();
    }

    static void serve(Settings settings) {
        Lessons lessons = Lessons.load(settings.builtInLessons(), settings.lessons(), settings.limits(),
                LessonText::html);
        for (Lessons.Problem p : lessons.problems()) {
            LOG.warn("lesson skipped: {}", p);
        }
        long warming = System.nanoTime();
        Server server = Server.create(settings, lessons).warmUp(settings.warmupSeconds() * IN_PROCESS_SHARE);
        warmOverHttp(settings, lessons, warming + settings.warmupSeconds() * 1_000_000_000L);
        server.start(settings.port());
        LOG.info("warmed up in {} ms", (System.nanoTime() - warming) / 1_000_000);
        LOG.info("GradLab on http://{}:{}/ — {} lessons{}; {}",
                "0.0.0.0".equals(settings.host()) ? "localhost" : settings.host(), server.port(),
                lessons.all().size(), settings.lessons() == null ? "" : " (folder " + settings.lessons() + ")",
                Config.describe(settings));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "gradlab-shutdown"));
    }
}
