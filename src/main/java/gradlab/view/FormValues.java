package gradlab.view;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import gradlab.lab.LabSpec;

/**
 * What the lab form shows in each field: a valid spec's values (batch left empty while it
 * equals n, so that changing n keeps full batches), or what the user typed.
 */
public record FormValues(Map<String, String> values) {

    public static FormValues of(LabSpec s) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("data", s.data());
        v.put("n", Integer.toString(s.n()));
        v.put("noise", Format.plain(s.noise()));
        v.put("seed", Integer.toString(s.seed()));
        v.put("hidden", s.hidden().stream().map(String::valueOf).collect(Collectors.joining(",")));
        v.put("act", s.act().id());
        v.put("loss", s.loss().id());
        v.put("batch", s.batch() == s.n() ? "" : Integer.toString(s.batch()));
        v.put("micro", s.micro().stream().map(String::valueOf).collect(Collectors.joining(",")));
        v.put("naive", LabSpec.ids(s.naive()));
        v.put("lr", Format.plain(s.lr()));
        v.put("steps", Integer.toString(s.steps()));
        return new FormValues(v);
    }

    /** The defaults, overwritten by what the user typed (for a page whose query was refused). */
    public static FormValues typed(Map<String, String> typed) {
        Map<String, String> v = new LinkedHashMap<>(of(LabSpec.defaults()).values());
        typed.forEach((k, value) -> {
            if (v.containsKey(k)) {
                v.put(k, value);
            }
        });
        return new FormValues(v);
    }

    public String get(String param) {
        return values.getOrDefault(param, "");
    }
}
