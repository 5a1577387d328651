package gradlab.view;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import gradlab.engine.Procedure;

/**
 * The procedures' text colours as a stylesheet, written from {@link Procedure}: the page's
 * names and the charts' marks take their colour from the same place.
 */
public final class ProcedureStyles {
    private ProcedureStyles() {
    }

    /** One rule per procedure: the text of {@code .proc[data-proc=ID]} in the procedure's ink. */
    public static String css() {
        return Arrays.stream(Procedure.values())
                .map(p -> String.format(Locale.ROOT, ".proc[data-proc=\"%s\"] { color: %s; }%n", p.id(), p.ink()))
                .collect(Collectors.joining());
    }
}
