package gradlab.view.svg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
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

    /** The mix written digit by digit is the mix written by a Formatter, channel by channel. */
    @Test
    void aMixIsWhatAFormatterWrites() {
        Random random = new Random(15);
        for (int k = 0; k < 20_000; k++) {
            String a = String.format(Locale.ROOT, "#%06x", random.nextInt(1 << 24));
            String b = String.format(Locale.ROOT, "#%06X", random.nextInt(1 << 24));
            double f = k % 10 == 0 ? k % 20 == 0 ? 0 : 1 : random.nextDouble();
            StringBuilder expected = new StringBuilder("#");
            for (int i = 1; i < 7; i += 2) {
                int ca = Integer.parseInt(a.substring(i, i + 2), 16);
                int cb = Integer.parseInt(b.substring(i, i + 2), 16);
                expected.append(String.format(Locale.ROOT, "%02x", Math.round(ca + (cb - ca) * f)));
            }
            assertEquals(expected.toString(), Palette.mix(a, b, f), a + " " + b + " " + f);
        }
    }
}
