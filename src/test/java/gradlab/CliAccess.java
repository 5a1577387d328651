package gradlab;

import java.io.PrintStream;
import java.util.List;

/** Lets tests in other packages run the command line in-process. */
public final class CliAccess {
    private final Cli cli;

    public CliAccess(PrintStream out) {
        this.cli = new Cli(out, System.err);
    }

    public int compare(String query) {
        return cli.run("compare", List.of(query)).status();
    }
}
