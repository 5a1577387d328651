package gradlab.lab;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import gradlab.engine.Parameters;
import gradlab.engine.Procedure;
import gradlab.engine.Trainer;

/**
 * The lab's numbers as CSV, written by Jackson's CSV generator. A training run: a header
 * {@code step,<proc>.cost,<proc>.cosine,<proc>.relativeError,<proc>.diverged} for each copy,
 * and {@code per-example.bSimple} after the correct copy's, one row per recorded step. A comparison: a row per scalar of θ (its name always quoted, as
 * W2[3,0] holds a comma), a column per procedure, θ0 first. An undefined or infinite value is
 * an empty cell.
 */
public final class LabCsv {
    /** Quotes only where a cell needs them (a comma, a quote, a line end), never by length. */
    private static final CsvFactory CSV = CsvFactory.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    private static final CsvSchema LINES = CsvSchema.emptySchema().withLineSeparator("\n");

    private LabCsv() {
    }

    /** The run's header line (without its line end). */
    public static String header(List<Procedure> copies) {
        return write(g -> {
            g.writeStartArray();
            g.writeString("step");
            for (Procedure id : copies) {
                for (String column : new String[] {"cost", "cosine", "relativeError", "diverged"}) {
                    g.writeString(id.id() + "." + column);
                }
                if (id == Procedure.REFERENCE) {
                    g.writeString(id.id() + ".bSimple");
                }
            }
            g.writeEndArray();
        }).stripTrailing();
    }

    /** One recorded step's line (without its line end). */
    public static String row(Trainer.Record r) {
        return write(g -> {
            g.writeStartArray();
            g.writeNumber(r.step());
            for (Map.Entry<Procedure, Trainer.CopyState> e : r.copies().entrySet()) {
                Trainer.CopyState s = e.getValue();
                cell(g, s.cost());
                cell(g, s.cosine());
                cell(g, s.relativeError());
                g.writeBoolean(s.diverged());
                if (e.getKey() == Procedure.REFERENCE) {
                    cell(g, s.bSimple());
                }
            }
            g.writeEndArray();
        }).stripTrailing();
    }

    /** A comparison as CSV: a row per scalar of θ, a column per procedure (θ0 first). */
    public static String comparison(Comparison c) {
        double[] theta = c.theta().flat();
        List<double[]> grads = c.gradients().values().stream().map(Parameters::flat).toList();
        return write(g -> {
            g.writeStartArray();
            g.writeString("parameter");
            g.writeString("theta0");
            for (Procedure id : c.gradients().keySet()) {
                g.writeString(id.id());
            }
            g.writeEndArray();
            for (int j = 0; j < theta.length; j++) {
                g.writeStartArray();
                g.enable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS);
                g.writeString(c.theta().scalarName(j));
                g.disable(CsvGenerator.Feature.ALWAYS_QUOTE_STRINGS);
                cell(g, theta[j]);
                for (double[] grad : grads) {
                    cell(g, grad[j]);
                }
                g.writeEndArray();
            }
        });
    }

    private static void cell(CsvGenerator g, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumber(v);
        } else {
            g.writeString("");
        }
    }

    private interface Rows {
        void write(CsvGenerator g) throws IOException;
    }

    private static String write(Rows rows) {
        StringWriter out = new StringWriter();
        try (CsvGenerator g = CSV.createGenerator(out)) {
            g.setSchema(LINES);
            rows.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
