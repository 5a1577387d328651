package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import gradlab.engine.Procedure;
import gradlab.engine.Trainer;

class LabCsvTest {
    @Test
    void aRunIsAHeaderAndARowPerRecordWithEmptyCellsForWhatIsNotFinite() {
        assertEquals("step,per-example.cost,per-example.cosine,per-example.relativeError,per-example.diverged,"
                        + "per-example.bSimple,mean-of-means.cost,mean-of-means.cosine,mean-of-means.relativeError,mean-of-means.diverged",
                LabCsv.header(List.of(Procedure.PER_EXAMPLE, Procedure.MEAN_OF_MEANS)));
        Map<Procedure, Trainer.CopyState> copies = new LinkedHashMap<>();
        copies.put(Procedure.PER_EXAMPLE, new Trainer.CopyState(0.125, Double.NaN, Double.NaN, 140.5, false));
        copies.put(Procedure.MEAN_OF_MEANS, new Trainer.CopyState(Double.NaN, Double.POSITIVE_INFINITY, 1e-300, Double.NaN, true));
        assertEquals("7,0.125,,,false,140.5,,,1.0E-300,true", LabCsv.row(new Trainer.Record(7, copies)));
    }

    @Test
    void aComparisonQuotesEveryParameterNameAndNothingElse() {
        Comparison c = Comparison.compute(LabSpec.parse("data=xor&hidden=2&loss=bce", Limits.DEFAULT, Uploads.NONE),
                Limits.DEFAULT, Uploads.NONE);
        String[] lines = LabCsv.comparison(c).split("\n", -1);
        assertEquals("parameter,theta0,per-example,batched,mean-input,mean-error,finite-difference", lines[0]);
        assertEquals(c.theta().size() + 2, lines.length, "a row per scalar and the final line end");
        assertEquals("", lines[lines.length - 1]);
        for (int j = 0; j < c.theta().size(); j++) {
            String name = c.theta().scalarName(j);
            String line = lines[j + 1];
            assertTrue(line.startsWith("\"" + name + "\"," + c.theta().flat()[j] + ","), line);
            String[] cells = line.substring(name.length() + 3).split(",");
            assertEquals(c.gradients().size() + 1, cells.length, line);
            int k = 1;
            for (var g : c.gradients().values()) {
                assertEquals(g.flat()[j], Double.parseDouble(cells[k++]), 0.0, line);
            }
        }
    }
}
