package gradlab.lab;

import java.util.ArrayList;
import java.util.List;

import gradlab.engine.Procedure;
import gradlab.engine.Trainer;

/**
 * A training run as CSV: a header {@code step,<proc>.cost,<proc>.cosine,<proc>.relativeError,<proc>.diverged}
 * for each copy, one row per recorded step; an undefined or infinite value is an empty cell.
 */
public final class LabCsv {
    private LabCsv() {
    }

    public static String header(List<Procedure> copies) {
        List<String> cells = new ArrayList<>();
        cells.add("step");
        for (Procedure id : copies) {
            cells.add(id + ".cost");
            cells.add(id + ".cosine");
            cells.add(id + ".relativeError");
            cells.add(id + ".diverged");
        }
        return String.join(",", cells);
    }

    public static String row(Trainer.Record r) {
        List<String> cells = new ArrayList<>();
        cells.add(Integer.toString(r.step()));
        r.copies().forEach((id, s) -> {
            cells.add(cell(s.cost()));
            cells.add(cell(s.cosine()));
            cells.add(cell(s.relativeError()));
            cells.add(Boolean.toString(s.diverged()));
        });
        return String.join(",", cells);
    }

    /** A comparison as CSV: a row per scalar of θ, a column per procedure (θ0 first). */
    public static String comparison(Comparison c) {
        StringBuilder out = new StringBuilder("parameter,theta0");
        c.gradients().keySet().forEach(id -> out.append(',').append(id));
        out.append('\n');
        double[] theta = c.theta().flat();
        List<double[]> grads = c.gradients().values().stream().map(gradlab.engine.Parameters::flat).toList();
        for (int j = 0; j < theta.length; j++) {
            // names like W2[3,0] hold a comma: quote them
            out.append('"').append(c.theta().scalarName(j)).append("\",").append(cell(theta[j]));
            for (double[] g : grads) {
                out.append(',').append(cell(g[j]));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String cell(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }
}
