package gradlab;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import gradlab.config.Config;
import gradlab.lab.Comparison;
import gradlab.lab.LabJson;
import gradlab.lab.LabSpec;
import gradlab.lab.Limits;
import gradlab.lab.Param;
import gradlab.lab.RunLines;
import gradlab.lab.TrainingRun;
import gradlab.lab.Uploads;
import gradlab.lab.ValidationException;
import gradlab.tools.ExitCode;

/**
 * The command line: the same vocabulary and the same JSON as the server, without one.
 * {@code compare QUERY} prints the /api/compare JSON; {@code train QUERY} prints the training
 * run's records as they are computed. A bad query prints one line on stderr and exits 2.
 */
final class Cli {
    private final PrintStream out;
    private final PrintStream err;

    Cli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs a command and returns how it ended. */
    ExitCode run(String command, List<String> args) {
        if (args.size() > 1) {
            err.println("gradlab: " + command + " takes one query, e.g. " + command
                    + " 'data=xor&hidden=8'; quote it for the shell");
            return ExitCode.BAD_INPUT;
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
            return ExitCode.OK;
        } catch (ValidationException e) {
            err.println("gradlab: " + e.getMessage());
            return ExitCode.BAD_INPUT;
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
        List<String> lines = new ArrayList<>(List.of(
                "GradLab: the gradient of a batch's mean loss, computed correctly and naively, side by side.",
                "",
                "usage:",
                "  java -jar gradlab.jar [server flags]    the lessons and the lab on http://localhost:7070/",
                "  java -jar gradlab.jar compare 'QUERY'   the comparison at θ0 as JSON (as GET /api/compare)",
                "  java -jar gradlab.jar train 'QUERY'     a training run as NDJSON records, then a summary",
                "  java -jar gradlab.jar loadtest [--clients 200] [--url http://127.0.0.1:7070]",
                "                                          a class of simulated students against a server here",
                "  java -jar gradlab.jar classtest [--students 200] [--url http://127.0.0.1:7070]",
                "                                          one live class: join, predict, reveal, next, timed",
                "  java -jar gradlab.jar bench [--threads K] [--sizes N:I:H:O;…] [--quick]",
                "                                          the engine's speed, one JSON object per line",
                "  java -jar gradlab.jar --help            this text",
                "",
                "QUERY is a URL query string, e.g. 'data=xor&hidden=8,8&act=tanh&loss=bce'. Parameters:"));
        lines.addAll(queryParameters());
        lines.addAll(List.of(
                "",
                "A bad parameter prints one line on stderr and exits with status 2.",
                "",
                Config.help()));
        return String.join("\n", lines);
    }

    /** One line per query parameter, from the parameter table: its name, its range and its default. */
    static List<String> queryParameters() {
        return Arrays.stream(Param.values()).map(p -> p.help(Limits.DEFAULT)).toList();
    }
}
