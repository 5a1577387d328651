package gradlab;

import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import gradlab.lab.Lessons;
import gradlab.web.Server;
import gradlab.web.Settings;

/**
 * Start-up: the command line's commands, or the server with its settings from flags and
 * {@code GRADLAB_*} environment variables (a flag wins).
 */
public final class App {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private App() {
    }

    /** The status {@link #run} returns when the server is running (the JVM must not exit). */
    static final int SERVING = -1;

    public static void main(String[] args) {
        int status = run(args);
        if (status != SERVING) {
            System.exit(status);
        }
    }

    /** Runs a command and returns its exit status, or starts the server and returns {@link #SERVING}. */
    static int run(String[] args) {
        String command = args.length == 0 ? "" : args[0];
        switch (command) {
            case "compare", "train" -> {
                return new Cli(System.out, System.err).run(command, Arrays.asList(args).subList(1, args.length));
            }
            case "bench" -> {
                return new Bench(System.out, System.err).run(Arrays.asList(args).subList(1, args.length));
            }
            case "loadtest" -> {
                return new LoadTest(System.out, System.err).run(Arrays.asList(args).subList(1, args.length));
            }
            case "--help", "-h", "help" -> {
                System.out.println(Cli.help());
                return Cli.OK;
            }
            default -> {
                Settings settings;
                try {
                    settings = Config.parse(List.of(args), System.getenv());
                } catch (IllegalArgumentException e) {
                    System.err.println("gradlab: " + e.getMessage());
                    return Cli.BAD_INPUT;
                }
                serve(settings);
                return SERVING;
            }
        }
    }

    static void serve(Settings settings) {
        Lessons lessons = Lessons.load(settings.builtInLessons(), settings.lessons(), settings.limits());
        for (Lessons.Problem p : lessons.problems()) {
            LOG.warn("lesson skipped: {}", p);
        }
        Server server = Server.create(settings, lessons).start(settings.port());
        LOG.info("GradLab on http://{}:{}/ — {} lessons{}; {}",
                "0.0.0.0".equals(settings.host()) ? "localhost" : settings.host(), server.port(),
                lessons.all().size(), settings.lessons() == null ? "" : " (folder " + settings.lessons() + ")",
                Config.describe(settings));
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "gradlab-shutdown"));
    }
}
