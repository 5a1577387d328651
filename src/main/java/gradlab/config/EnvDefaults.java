package gradlab.config;

import java.lang.reflect.Field;
import java.util.Map;

import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;

/**
 * A flag's default from its {@link Env} variable. A variable that is set is a value, even when
 * empty (an empty number is refused like any other bad one); a switch's variable says true
 * (true, 1) or false (false, 0, empty).
 */
record EnvDefaults(Map<String, String> env) implements IDefaultValueProvider {
    @Override
    public String defaultValue(ArgSpec arg) {
        Env variable = arg.userObject() instanceof Field f ? f.getAnnotation(Env.class) : null;
        if (variable == null) {
            return null;
        }
        String value = env.get(variable.value());
        if (value == null || !arg.typeInfo().isBoolean()) {
            return value;
        }
        return Boolean.toString(isTrue(value, variable.value()));
    }

    private static boolean isTrue(String v, String name) {
        if (v.equals("true") || v.equals("1")) {
            return true;
        }
        if (v.equals("false") || v.equals("0") || v.isEmpty()) {
            return false;
        }
        throw new IllegalArgumentException(name + " must be true or false; got \"" + v + "\"");
    }
}
