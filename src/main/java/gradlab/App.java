package gradlab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

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
            case "--help", "-h", "help" -> {
                System.out.println(Cli.help());
                return Cli.OK;
            }
            default -> {
                Settings settings;
                try {
                    settings = settings(List.of(args), System.getenv());
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
        LOG.info("GradLab on http://{}:{}/ — {} lessons{}, max runs {}, queue {}, n ≤ {}, steps ≤ {}",
                "0.0.0.0".equals(settings.host()) ? "localhost" : settings.host(), server.port(),
                lessons.all().size(), settings.lessons() == null ? "" : " (folder " + settings.lessons() + ")",
                settings.maxRuns(), settings.queueLength(), settings.limits().maxN(), settings.limits().maxSteps());
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "gradlab-shutdown"));
    }

    /** The server's settings: defaults, then environment variables, then flags (a flag wins). */
    static Settings settings(List<String> args, Map<String, String> env) {
        Settings s = Settings.defaults();
        if (env.containsKey("GRADLAB_PORT")) {
            s = s.withPort(port(env.get("GRADLAB_PORT"), "GRADLAB_PORT"));
        }
        if (env.containsKey("GRADLAB_LESSONS")) {
            s = s.withLessons(folder(env.get("GRADLAB_LESSONS"), "GRADLAB_LESSONS"), s.builtInLessons());
        }
        for (int i = 0; i < args.size(); i++) {
            String flag = args.get(i);
            switch (flag) {
                case "--no-builtin-lessons" -> s = s.withLessons(s.lessons(), false);
                case "--port" -> s = s.withPort(port(value(args, ++i, flag), flag));
                case "--lessons" -> s = s.withLessons(folder(value(args, ++i, flag), flag), s.builtInLessons());
                default -> throw new IllegalArgumentException("unknown argument \"" + flag + "\"; try --help");
            }
        }
        return s;
    }

    private static String value(List<String> args, int i, String flag) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args.get(i);
    }

    private static Path folder(String text, String name) {
        Path p = Path.of(text);
        if (!Files.isDirectory(p)) {
            throw new IllegalArgumentException(name + " must be a folder of lesson files; \"" + text + "\" is not one");
        }
        return p;
    }

    private static int port(String text, String name) {
        try {
            int p = Integer.parseInt(text);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(name + " must be a port number from 0 to 65535; got \"" + text + "\"");
    }
}
