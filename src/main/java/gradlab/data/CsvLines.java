package gradlab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * An upload as the CSV parser should see it: its lines, numbered from 1, each ending in one
 * \n. A line ends only at \n or \r\n, as uploads always have; a leading byte-order mark is
 * dropped; a line longer than maxLength is refused while it arrives rather than held whole.
 * A lone \r inside a line stays part of it: the parser would end a record there, so it
 * travels escaped and {@link #decode} restores it in each cell.
 * <p>
 * A refused line ends the input there, and {@link #check} reports it once the parser has
 * returned every record before it: the parser reads ahead past a record's end, and the lines
 * before a refused one must be checked first, as they come first in the file.
 */
final class CsvLines extends Reader {
    /** A private-use character: the escape of \r and of itself. */
    private static final char ESCAPE = '\uE000';

    private final BufferedReader in;
    private final int maxLength;
    private boolean atStart = true;
    private int number;
    private String pending = "";
    private CsvException refused;
    private int position;

    CsvLines(Reader in, int maxLength) {
        this.in = in instanceof BufferedReader b ? b : new BufferedReader(in);
        this.maxLength = maxLength;
    }

    /** One line at a time, so that a line is refused only once every line before it has been read. */
    @Override
    public int read(char[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (position == pending.length()) {
            String line = refused == null ? next() : null;
            if (line == null) {
                return -1;
            }
            pending = encode(line) + "\n";
            position = 0;
        }
        int n = Math.min(length, pending.length() - position);
        pending.getChars(position, position + n, buffer, offset);
        position += n;
        return n;
    }

    /** Throws the refusal of a line, if a line was refused (at the end of the records). */
    void check() throws CsvException {
        if (refused != null) {
            throw refused;
        }
    }

    /** Nothing to close: the caller owns the upload's reader. */
    @Override
    public void close() {
    }

    /** A cell as it was in the upload. */
    static String decode(String cell) {
        if (cell.indexOf(ESCAPE) < 0) {
            return cell;
        }
        StringBuilder out = new StringBuilder(cell.length());
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c == ESCAPE && i + 1 < cell.length()) {
                out.append(cell.charAt(++i) == 'r' ? '\r' : ESCAPE);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String encode(String line) {
        if (line.indexOf('\r') < 0 && line.indexOf(ESCAPE) < 0) {
            return line;
        }
        StringBuilder out = new StringBuilder(line.length() + 8);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\r') {
                out.append(ESCAPE).append('r');
            } else if (c == ESCAPE) {
                out.append(ESCAPE).append(ESCAPE);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The next line without its ending, or null at the end or at a refused line. */
    private String next() {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = readChar()) != -1 && c != '\n') {
            if (atStart && c == '\uFEFF') {
                continue;
            }
            atStart = false;
            if (line.length() > maxLength) {
                int n = number + 1;
                refused = new CsvException(n, 0, "line " + n + " is longer than " + maxLength + " characters");
                return null;
            }
            line.append((char) c);
        }
        atStart = false;
        if (c == -1 && line.isEmpty()) {
            return null;
        }
        number++;
        if (!line.isEmpty() && line.charAt(line.length() - 1) == '\r') {
            line.setLength(line.length() - 1);
        }
        return line.toString();
    }

    private int readChar() {
        try {
            return in.read();
        } catch (IOException e) {
            // a broken upload is not a mistake in the student's table
            throw new UncheckedIOException(e);
        }
    }
}
