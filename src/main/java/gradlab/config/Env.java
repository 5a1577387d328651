package gradlab.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The environment variable that gives a flag's value when the flag is not on the command line.
 * It sits beside picocli's {@code @Option} rather than in its {@code defaultValue = "${env:…}"}
 * so that the variables are read from the environment {@link Config#parse} is given, which a
 * test can choose, instead of always from the process's.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@interface Env {
    String value();
}
