package gradlab;

import java.util.Arrays;
import java.util.List;

/**
 * Start-up: the command line's commands, or (from the web issue on) the server.
 */
public final class App {
    private App() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        String command = args.length == 0 ? "--help" : args[0];
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        Cli cli = new Cli(System.out, System.err);
        switch (command) {
            case "compare", "train" -> {
                return cli.run(command, rest);
            }
            case "--help", "-h", "help" -> {
                System.out.println(Cli.help());
                return Cli.OK;
            }
            default -> {
                System.err.println("gradlab: unknown command \"" + command + "\"; try --help");
                return Cli.BAD_INPUT;
            }
        }
    }
}
