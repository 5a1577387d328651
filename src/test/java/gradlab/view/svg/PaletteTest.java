package gradlab.view.svg;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import gradlab.Colours;

class PaletteTest {
    /** A point of any class over the region of any class (its tint) or the white chart: at least 3:1. */
    @Test
    void everyClassPointStandsOutOnEveryRegion() {
        List<String> weak = new ArrayList<>();
        for (int k = 0; k < Palette.classes(); k++) {
            String point = Palette.classColour(k);
            for (int j = 0; j < Palette.classes(); j++) {
                double contrast = Colours.contrast(point, Palette.classTint(j));
                if (contrast < 3) {
                    weak.add(point + " on " + Palette.classTint(j) + ": " + contrast);
                }
            }
            if (Colours.contrast(point, "#ffffff") < 3) {
                weak.add(point + " on white");
            }
        }
        assertTrue(weak.isEmpty(), weak.toString());
    }

    @Test
    void theClassesStayDistinctToColourBlindEyes() {
        Colours.Pair closest = Colours.closest(IntStream.range(0, Palette.classes()).mapToObj(Palette::classColour).toList());
        assertTrue(closest.distance() >= 10, closest.toString());
    }

    @Test
    void theChartsTextIsReadableOnWhite() {
        assertTrue(Colours.contrast(Palette.INK, "#ffffff") >= 4.5);
    }
}
