package gradlab.view;

import java.util.LinkedHashMap;
import java.util.Map;

import gradlab.lab.LabSpec;
import gradlab.lab.Param;

/**
 * What the lab form shows in each field: a valid spec's values as the URL writes them (batch
 * left empty while it equals n, so that changing n keeps full batches), or what the user typed.
 */
public record FormValues(Map<Param, String> values) {

    public static FormValues of(LabSpec s) {
        Map<Param, String> v = new LinkedHashMap<>(s.values());
        v.keySet().removeIf(p -> !p.inForm());
        if (s.batch() == s.n()) {
            v.put(Param.BATCH, "");
        }
        return new FormValues(v);
    }

    /** The defaults, overwritten by what the user typed (for a page whose query was refused). */
    public static FormValues typed(Map<String, String> typed) {
        Map<Param, String> v = new LinkedHashMap<>(of(LabSpec.defaults()).values());
        typed.forEach((name, value) -> Param.parse(name).filter(v::containsKey).ifPresent(p -> v.put(p, value)));
        return new FormValues(v);
    }

    public String get(Param p) {
        return values.getOrDefault(p, "");
    }
}
