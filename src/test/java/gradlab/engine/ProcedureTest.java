package gradlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProcedureTest {
    @ParameterizedTest
    @EnumSource(Procedure.class)
    void theIdIsReadBackAsTheSameProcedure(Procedure p) {
        assertEquals(Optional.of(p), Procedure.parse(p.id()));
        assertEquals(p.id(), p.toString());
    }

    @Test
    void idsAndColoursAreDistinctAndUnknownIdsAreNotProcedures() {
        assertEquals(Procedure.values().length, new HashSet<>(Arrays.stream(Procedure.values()).map(Procedure::id).toList()).size());
        assertEquals(Procedure.values().length, new HashSet<>(Arrays.stream(Procedure.values()).map(Procedure::colour).toList()).size());
        for (String id : new String[] {"", "mean", "Mean-Error", "mean-error ", "MEAN_ERROR"}) {
            assertEquals(Optional.empty(), Procedure.parse(id), id);
        }
    }

    @Test
    void theKindsAreDesignsTable() {
        assertEquals(Procedure.Kind.CORRECT, Procedure.REFERENCE.kind());
        assertEquals(Procedure.Kind.CHECK, Procedure.FINITE_DIFFERENCE.kind());
        assertEquals(3, Arrays.stream(Procedure.values()).filter(Procedure::isNaive).count());
        assertTrue(Procedure.MEAN_OF_MEANS.isNaive() && !Procedure.ACCUMULATE.isNaive());
    }

    /** WCAG 2 contrast of a procedure's text colour against the white page: at least 4.5:1. */
    @ParameterizedTest
    @EnumSource(Procedure.class)
    void theTextColourIsReadableOnWhite(Procedure p) {
        double contrast = 1.05 / (luminance(p.ink()) + 0.05);
        assertTrue(contrast >= 4.5, p + " " + p.ink() + ": " + contrast);
    }

    private static double luminance(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
