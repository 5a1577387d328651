package gradlab;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

import gradlab.engine.Procedure;
import gradlab.lab.Comparison;
import gradlab.lab.LabJson;
import gradlab.lab.LabSpec;
import gradlab.lab.Limits;
import gradlab.lab.RunLines;
import gradlab.lab.TrainingRun;
import gradlab.lab.Uploads;
import gradlab.lab.ValidationException;

/**
 * The command line: the same vocabulary and the same JSON as the server, without one.
 * {@code compare QUERY} prints the /api/compare JSON; {@code train QUERY} prints the training
 * run's records as they are computed. A bad query prints one line on stderr and exits 2.
 */
final class Cli {
    static final int OK = 0;
    static final int BAD_INPUT = 2;

    private final PrintStream out;
    private final PrintStream err;

    Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs a command and returns the exit status. */
    int run(String command, List<String> args) {
        if (args.size() > 1) {
            err.println("gradlab: " + command + " takes one query, e.g. " + command
                    + " 'data=xor&hidden=8'; quote it for the shell");
            return BAD_INPUT;
        }
        String query = args.isEmpty() ? "" : args.get(0);
        try {
            LabSpec spec = LabSpec.parse(query, Limits.DEFAULT, Uploads.NONE);
            if (command.equals("compare")) {
                out.println(LabJson.compare(Comparison.compute(spec, Limits.DEFAULT, Uploads.NONE)));
            } else {
                train(spec);
            }
            out.flush();
            return OK;
        } catch (ValidationException e) {
            err.println("gradlab: " + e.getMessage());
            return BAD_INPUT;
        }
    }

    private void train(LabSpec spec) {
        RunLines lines = RunLines.of(spec);
        lines.header().ifPresent(out::println);
        TrainingRun.train(spec, Limits.DEFAULT, Uploads.NONE, e -> lines.line(e).ifPresent(line -> {
            out.println(line);
            out.flush();
        }));
    }

    static String help() {
        Limits l = Limits.DEFAULT;
        return String.join("\n",
                "GradLab: the gradient of a batch's mean loss, computed correctly and naively, side by side.",
                "",
                "usage:",
                "  java -jar gradlab.jar [server flags]    the lessons and the lab on http://localhost:7070/",
                "  java -jar gradlab.jar compare 'QUERY'   the comparison at θ0 as JSON (as GET /api/compare)",
                "  java -jar gradlab.jar train 'QUERY'     a training run as NDJSON records, then a summary",
                "  java -jar gradlab.jar loadtest [--clients 200] [--url http://127.0.0.1:7070]",
                "                                          a class of simulated students against a server here",
                "  java -jar gradlab.jar bench [--threads K] [--sizes N:I:H:O;…] [--quick]",
                "                                          the engine's speed, one JSON object per line",
                "  java -jar gradlab.jar --help            this text",
                "",
                "QUERY is a URL query string, e.g. 'data=xor&hidden=8,8&act=tanh&loss=bce'. Parameters:",
                "  data    " + LabSpec.BUILT_IN_DATA + " (default line)",
                "  n       examples, 1.." + l.maxN() + " (default 32)",
                "  noise   0..1 (default 0.3)",
                "  seed    0.." + LabSpec.MAX_SEED + " (default 1)",
                "  hidden  comma-separated hidden widths, 0-" + l.maxLayers() + " layers of 1.." + l.maxWidth()
                        + " (default empty: no hidden layer)",
                "  act     identity, sigmoid, tanh, relu, leaky_relu (default tanh)",
                "  loss    mse, mae, huber, linear, bce, ce (default mse)",
                "  batch   minibatch size, 1..n (default n)",
                "  micro   micro-batch sizes summing to batch, e.g. 4,12,16 (default empty: none)",
                "  naive   a comma-separated subset of " + LabSpec.NAIVE.stream().map(Procedure::id).collect(Collectors.joining(", "))
                        + " (default both; empty: none)",
                "  lr      learning rate, 0 < lr <= " + (int) LabSpec.MAX_LR + " (default 0.05)",
                "  steps   training steps, 1.." + l.maxSteps() + " (default 200)",
                "  format  ndjson or csv, for train (default ndjson)",
                "",
                "A bad parameter prints one line on stderr and exits with status 2.",
                "",
                Config.help());
    }
}
