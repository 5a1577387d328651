package gradlab.config;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The server's settings from flags and GRADLAB_* environment variables (a flag wins), each
 * checked with its range; a bad value stops start-up with a message that names it. The
 * annotated {@link ServerFlags} serve parsing and --help.
 */
public final class Config {
    /** One setting as --help lists it: its flag, its variable, its argument (null for a switch), what it means. */
    public record Option(String flag, String env, String argument, String help) {
    }

    private Config() {
    }

    /** Defaults, then the environment, then the flags. */
    public static Settings parse(List<String> args, Map<String, String> env) {
        ServerFlags flags = new ServerFlags();
        Flags.parse(flags, args, new EnvDefaults(env), "try --help");
        return flags.settings();
    }

    /** Every setting, in the order of --help. */
    public static List<Option> options() {
        return CommandSpec.forAnnotatedObject(new ServerFlags()).options().stream().map(Config::option).toList();
    }

    private static Option option(OptionSpec o) {
        Env env = o.userObject() instanceof Field f ? f.getAnnotation(Env.class) : null;
        if (env == null) {
            throw new IllegalStateException(o.longestName() + " has no @Env variable");
        }
        return new Option(o.longestName(), env.value(), o.typeInfo().isBoolean() ? null : o.paramLabel(),
                String.join(" ", o.description()));
    }

    public static String help() {
        StringBuilder out = new StringBuilder("Server flags (each also an environment variable; a flag wins):\n");
        for (Option o : options()) {
            String left = o.flag() + (o.argument() == null ? "" : " " + o.argument());
            out.append(String.format("  %-24s %s (%s)%n", left, o.help(), o.env()));
        }
        return out.toString().stripTrailing();
    }

    /** What the start-up line says. */
    public static String describe(Settings s) {
        return String.format("max runs %d, queue %d, %d per client, n ≤ %d, layers ≤ %d × %d (%d units), steps ≤ %d, "
                        + "compare work ≤ %d in %d MiB, run budget %d, uploads %d × %d KiB for %d min (%d per client, "
                        + "%d arriving at once within %d s), frame-ancestors %s, write timeout %d s, threads %d, classes %d × %d "
                        + "students for %d h idle, trusted proxies %s",
                s.maxRuns(), s.queueLength(), s.runsPerClient(), s.limits().maxN(), s.limits().maxLayers(),
                s.limits().maxWidth(), s.limits().maxTotalWidth(), s.limits().maxSteps(), s.limits().maxCompareWork(),
                s.compareMemory() >> 20,
                s.limits().trainWorkBudget(), s.uploads().maxUploads(), s.uploads().maxBytes() / 1024,
                s.uploads().lifetime().toMinutes(), s.uploads().perClient(), s.uploads().atOnce(),
                s.uploads().arrival().toSeconds(), s.frameAncestors(), s.writeTimeout().toSeconds(), s.maxThreads(),
                s.classes().classes(), s.classes().students(), s.classes().idle().toHours(),
                s.trustedProxies().isEmpty() ? "none" : String.join(", ", s.trustedProxies()));
    }
}
