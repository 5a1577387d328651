package gradlab.view;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import gradlab.lab.Comparison;
import gradlab.lab.Landscape;
import gradlab.lab.Query;

/**
 * The comparison's charts that a download asks the server for again: the comparison is
 * deterministic and cheap, so the page need not carry a second copy of each SVG.
 */
public enum ComparisonChart {
    BARS("bars", "gradlab-gradients.svg"),
    COVARIANCE("covariance", "gradlab-covariance.svg"),
    LANDSCAPE("landscape", "gradlab-landscape.svg"),
    CLOUD("cloud", "gradlab-cloud.svg"),
    NETWORK("network", "gradlab-network.svg");

    private final String id;
    private final String fileName;

    ComparisonChart(String id, String fileName) {
        this.id = id;
        this.fileName = fileName;
    }

    public String id() {
        return id;
    }

    /** The name the browser saves it under. */
    public String fileName() {
        return fileName;
    }

    public static Optional<ComparisonChart> parse(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    /** Where the landscape over these axes is served alone. */
    static String url(Comparison c, Landscape l) {
        return Paths.withQuery(Paths.chart(LANDSCAPE), Query.write(c.spec().withoutAxes().queryValues(),
                Map.of("px", Integer.toString(l.x().index()), "py", Integer.toString(l.y().index()))));
    }

    /** The SVG file itself, as the page draws it. */
    public static String svg(ComparisonChart chart, Comparison c, Landscape l) {
        return switch (chart) {
            case BARS -> Html.render(ComparisonView.barsSvg(c));
            case COVARIANCE -> Html.render(ComparisonView.covarianceSvg(gradlab.lab.Covariance.of(c)));
            case LANDSCAPE -> Html.render(LandscapeView.svg(l));
            case CLOUD -> Html.render(CloudView.svg(c));
            case NETWORK -> Html.render(NetworkView.svg(c));
        };
    }
}
