package gradlab.lab;

import java.util.ArrayList;
import java.util.List;

import gradlab.engine.Trainer;

/**
 * A training run as CSV: a header {@code step,<proc>.cost,<proc>.cosine,<proc>.relativeError,<proc>.diverged}
 * for each copy, one row per recorded step; an undefined or infinite value is an empty cell.
 */
public final class LabCsv {
    private LabCsv() {
    }

    public static String header(List<String> copies) {
        List<String> cells = new ArrayList<>();
        cells.add("step");
        for (String id : copies) {
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

    private static String cell(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "";
    }
}
