package gradlab.config;

import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Fills a picocli-annotated object from command-line arguments, with the messages the command
 * line has always given: an unknown argument or a flag without its value is an
 * {@link IllegalArgumentException} that names it.
 */
public final class Flags {
    private Flags() {
    }

    /**
     * @param options     an object with picocli {@code @Option} fields
     * @param unknownHint what follows "unknown argument "x"; ", e.g. "try --help"
     */
    public static void parse(Object options, List<String> args, String unknownHint) {
        parse(options, args, null, unknownHint);
    }

    static void parse(Object options, List<String> args, IDefaultValueProvider defaults, String unknownHint) {
        CommandLine line = new CommandLine(options)
                // as before: "@file" is not read as a file of arguments, and the last of a repeated flag wins
                .setExpandAtFiles(false)
                .setOverwrittenOptionsAllowed(true)
                // a value is taken as written, never expanded
                .setInterpolateVariables(false);
        if (defaults != null) {
            line.setDefaultValueProvider(defaults);
        }
        try {
            line.parseArgs(args.toArray(String[]::new));
        } catch (UnmatchedArgumentException e) {
            throw new IllegalArgumentException("unknown argument \"" + e.getUnmatched().get(0) + "\"; " + unknownHint);
        } catch (MissingParameterException e) {
            throw new IllegalArgumentException(name(e.getMissing().get(0)) + " needs a value");
        } catch (ParameterException e) {
            // a default provider's own refusal (a bad variable) arrives wrapped
            if (e.getCause() instanceof IllegalArgumentException refusal) {
                throw refusal;
            }
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String name(ArgSpec arg) {
        return arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
    }
}
