package gradlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import gradlab.Colours;

class ProcedureTest {
    private static final String WHITE = "#ffffff";
    /** CIE76 ΔE between two colours that a reader tells apart at a glance in a chart. */
    private static final double MIN_DISTANCE = 10;

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
        double contrast = Colours.contrast(p.ink(), WHITE);
        assertTrue(contrast >= 4.5, p + " " + p.ink() + ": " + contrast);
    }

    /** A chart's lines, bars and arrows against its white background: at least 3:1 (WCAG's non-text contrast). */
    @ParameterizedTest
    @EnumSource(Procedure.class)
    void theChartColourStandsOutOnWhite(Procedure p) {
        double contrast = Colours.contrast(p.colour(), WHITE);
        assertTrue(contrast >= 3, p + " " + p.colour() + ": " + contrast);
    }

    /**
     * Every two procedures' chart colours stay apart (ΔE at least 10) to normal vision and to
     * simulated protanopia, deuteranopia and tritanopia.
     */
    @Test
    void theChartColoursStayDistinctToColourBlindEyes() {
        Colours.Pair closest = Colours.closest(Arrays.stream(Procedure.values()).map(Procedure::colour).toList());
        assertTrue(closest.distance() >= MIN_DISTANCE, closest.toString());
        // and the measure tells apart what looks alike: Okabe and Ito's orange and vermillion to a deuteranope,
        // once the orange is darkened to 3:1
        assertTrue(Colours.distance("#C68900", "#D55E00", Colours.Vision.DEUTAN) < MIN_DISTANCE);
    }
}
