package gradlab.view.svg;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import gradlab.engine.Procedure;
import gradlab.view.Decimal;

/**
 * A lesson card's small picture: how far each naive procedure is from the true gradient at
 * the lesson's preset (relative error, a bar per procedure; 0 is exact).
 */
public final class PreviewChart {
    private PreviewChart() {
    }

    /** @param errors relative error per naive procedure, in order */
    public static SvgElement render(String id, Map<Procedure, Double> errors) {
        double width = 260;
        double row = 22;
        double height = 16 + row * Math.max(1, errors.size());
        double left = 96;
        double right = width - 48;
        double max = 1;
        for (double e : errors.values()) {
            if (Double.isFinite(e)) {
                max = Math.max(max, e);
            }
        }
        List<SvgElement> parts = new ArrayList<>();
        List<String> words = new ArrayList<>();
        int i = 0;
        for (Map.Entry<Procedure, Double> e : errors.entrySet()) {
            double y = 8 + i * row;
            double v = e.getValue();
            String label = Double.isFinite(v) && v <= 1e-10 ? "exact" : label(v);
            double len = Math.max(1.5, Double.isFinite(v) ? (right - left) * Math.min(v, max) / max : 0);
            parts.add(Svg.text(left - 6, y + 12, e.getKey().id(), "end").attr("font-size", "11"));
            parts.add(Svg.rect(left, y + 3, len, 12, e.getKey().colour()));
            parts.add(Svg.text(left + len + 4, y + 13, label, "start").attr("font-size", "11"));
            words.add(e.getKey().id() + " " + label);
            i++;
        }
        if (errors.isEmpty()) {
            parts.add(Svg.text(width / 2, 24, "no naive procedure", "middle").attr("font-size", "11"));
            words.add("no naive procedure is chosen");
        }
        SvgElement svg = Svg.root(id, width, height, "How far the shortcuts are from the true gradient",
                "Relative error at this lesson's preset: " + String.join("; ", words) + ".");
        svg.with(parts);
        return svg;
    }

    private static String label(double v) {
        if (!Double.isFinite(v)) {
            return "—";
        }
        return Decimal.fixed(v, v >= 10 ? 0 : 2);
    }
}

