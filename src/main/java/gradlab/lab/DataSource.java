package gradlab.lab;

import java.util.regex.Pattern;

import gradlab.data.Generator;

/** Where a lab's examples come from: a built-in generator, or a CSV file uploaded to this server. */
public sealed interface DataSource {
    /** The value of {@code data} in URLs and JSON. */
    String id();

    /** A built-in data set, drawn from the spec's seed. */
    record BuiltIn(Generator generator) implements DataSource {
        @Override
        public String id() {
            return generator.id();
        }
    }

    /** An upload: {@code u-} and the first 12 hex digits of the file's SHA-256. */
    record Upload(String id) implements DataSource {
        static final Pattern ID = Pattern.compile("u-[0-9a-f]{12}");

        /** Whether a value of {@code data} names an upload. */
        public static boolean named(String data) {
            return ID.matcher(data).matches();
        }

        public Upload {
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("not an upload's id: " + id);
            }
        }
    }
}
