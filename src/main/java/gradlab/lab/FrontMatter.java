package gradlab.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The front-matter block that opens a lesson file: a line "---", "key: value" lines, another
 * "---". Each value keeps the line it was written on, so that every later check (an unknown
 * parameter, a bad value) can point at that line. Blank lines and "#" comments are skipped.
 *
 * @param entries   the keys and values, in the file's order, each given once
 * @param closeLine the line of the closing "---" (1-based)
 * @param body      the text after the block
 */
public record FrontMatter(List<Entry> entries, int closeLine, String body) {
    public FrontMatter {
        entries = List.copyOf(entries);
    }

    /** One "key: value" line. */
    public record Entry(String key, String value, int line) {
    }

    /** The entry for this key, if the block has one. */
    public Optional<Entry> get(String key) {
        return entries.stream().filter(e -> e.key().equals(key)).findFirst();
    }

    /** The value of this key, or "" when the block does not give it. */
    public String value(String key) {
        return get(key).map(Entry::value).orElse("");
    }

    /**
     * Reads the block. {@code knownKey} decides which keys are allowed; an unknown key is
     * refused with {@code keysAre} (what the keys are), so that the reader need not know them.
     *
     * @throws LessonFileException with the line, when the text does not open with a readable block
     */
    public static FrontMatter read(String text, Predicate<String> knownKey, String keysAre) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        if (lines.length == 0 || !lines[0].strip().equals("---")) {
            throw fail(1, "a lesson starts with a front-matter block: a line \"---\", key: value lines, and another "
                    + "\"---\"");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            if (line.strip().equals("---")) {
                String body = String.join("\n", List.of(lines).subList(i + 1, lines.length));
                return new FrontMatter(entries, number, body);
            }
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw fail(number, "expected \"key: value\", got \"" + LabSpec.shown(line) + "\"");
            }
            String key = line.substring(0, colon).strip();
            if (!knownKey.test(key)) {
                throw fail(number, "unknown key \"" + LabSpec.shown(key) + "\"; " + keysAre);
            }
            if (entries.stream().anyMatch(e -> e.key().equals(key))) {
                throw fail(number, key + " is given twice");
            }
            entries.add(new Entry(key, line.substring(colon + 1).strip(), number));
        }
        throw fail(lines.length, "the front-matter block has no closing \"---\" line");
    }

    private static LessonFileException fail(int line, String message) {
        return new LessonFileException(line, message);
    }
}
