package gradlab.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.ejml.data.DMatrixRMaj;

/**
 * Reads a student's table of numbers: a header row of column names, then one example per
 * line, comma-separated. The targets are the column {@code y}; else the columns
 * {@code y1..yk}; else the last column. Every other column is an input.
 */
public final class CsvReader {
    private static final Pattern NUMBER = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");
    /** Room per column far beyond any sensible number or name, so one endless line cannot fill memory. */
    private static final int CHARS_PER_COLUMN = 256;

    private final int maxRows;
    private final int maxColumns;

    public CsvReader(int maxRows, int maxColumns) {
        if (maxRows < 1 || maxColumns < 2) {
            throw new IllegalArgumentException("need maxRows ≥ 1 and maxColumns ≥ 2");
        }
        this.maxRows = maxRows;
        this.maxColumns = maxColumns;
    }

    public DataSet read(Reader in) throws CsvException {
        Lines lines = new Lines(in, (int) Math.min(Integer.MAX_VALUE - 8, (long) maxColumns * CHARS_PER_COLUMN));
        String header = nextFilled(lines);
        if (header == null) {
            throw new CsvException(1, 0, "line 1: the file is empty");
        }
        List<String> names = names(header);
        int[] targets = targetColumns(names);
        int[] inputs = otherColumns(names.size(), targets);
        if (inputs.length == 0) {
            throw new CsvException(1, 0, "line 1: every column is a target; need at least one input column");
        }

        List<double[]> rows = new ArrayList<>();
        for (String text; (text = nextFilled(lines)) != null; ) {
            int line = lines.number;
            if (rows.size() == maxRows) {
                throw new CsvException(line, 0, "line " + line + ": more than " + maxRows + " rows");
            }
            rows.add(values(text, line, names));
        }
        if (rows.isEmpty()) {
            throw new CsvException(2, 0, "line 2: no data rows");
        }
        return new DataSet(pick(rows, inputs), pick(rows, targets), select(names, inputs), select(names, targets));
    }

    /**
     * The next line that is not blank, or null at the end. Blank lines are fine only at the
     * end of the file, so they are held back until we know whether anything follows them.
     */
    private String nextFilled(Lines lines) throws CsvException {
        int firstBlank = 0;
        for (String text; (text = lines.next()) != null; ) {
            if (!text.isBlank()) {
                if (firstBlank > 0) {
                    throw new CsvException(firstBlank, 0, "line " + firstBlank + " is empty");
                }
                return text;
            }
            if (firstBlank == 0) {
                firstBlank = lines.number;
            } else if (lines.number - firstBlank >= maxRows) {
                // an endless run of blank lines must not keep us reading either
                throw new CsvException(firstBlank, 0, "line " + firstBlank + " is empty");
            }
        }
        return null;
    }

    private List<String> names(String header) throws CsvException {
        String[] cells = header.split(",", -1);
        if (cells.length > maxColumns) {
            throw new CsvException(1, 0, "line 1: more than " + maxColumns + " columns (found " + cells.length + ")");
        }
        List<String> names = new ArrayList<>();
        for (int j = 0; j < cells.length; j++) {
            String name = cells[j].strip();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                name = name.substring(1, name.length() - 1).strip();
            }
            if (name.isEmpty()) {
                throw cellError(1, j, "", "the column has no name");
            }
            int earlier = names.indexOf(name);
            if (earlier >= 0) {
                throw cellError(1, j, name, "the name " + quote(name) + " is already used by column " + (earlier + 1));
            }
            names.add(name);
        }
        if (names.size() < 2) {
            throw new CsvException(1, 0, "line 1: need at least two columns: inputs and a target");
        }
        return names;
    }

    private static int[] targetColumns(List<String> names) {
        if (names.contains("y")) {
            return new int[] {names.indexOf("y")};
        }
        List<Integer> numbered = new ArrayList<>();
        for (int k = 1; names.contains("y" + k); k++) {
            numbered.add(names.indexOf("y" + k));
        }
        if (!numbered.isEmpty()) {
            return numbered.stream().mapToInt(Integer::intValue).toArray();
        }
        return new int[] {names.size() - 1};
    }

    private static int[] otherColumns(int columns, int[] taken) {
        List<Integer> others = new ArrayList<>();
        for (int j = 0; j < columns; j++) {
            others.add(j);
        }
        for (int t : taken) {
            others.remove(Integer.valueOf(t));
        }
        return others.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double[] values(String text, int line, List<String> names) throws CsvException {
        String[] cells = text.split(",", -1);
        if (cells.length != names.size()) {
            throw new CsvException(line, 0, "line " + line + " has " + cells.length
                    + (cells.length == 1 ? " value" : " values") + "; the header has " + names.size());
        }
        double[] row = new double[cells.length];
        for (int j = 0; j < cells.length; j++) {
            String cell = cells[j].strip();
            if (cell.isEmpty()) {
                throw cellError(line, j, names.get(j), "missing value");
            }
            // the pattern, not Double.parseDouble, decides: that one also takes NaN, Infinity, 0x1p3, 1d
            if (!NUMBER.matcher(cell).matches()) {
                throw cellError(line, j, names.get(j), quote(cell) + " is not a number");
            }
            row[j] = Double.parseDouble(cell);
            if (Double.isInfinite(row[j])) {
                throw cellError(line, j, names.get(j), quote(cell) + " is too large");
            }
        }
        return row;
    }

    private static DMatrixRMaj pick(List<double[]> rows, int[] columns) {
        DMatrixRMaj m = new DMatrixRMaj(rows.size(), columns.length);
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < columns.length; j++) {
                m.unsafe_set(i, j, rows.get(i)[columns[j]]);
            }
        }
        return m;
    }

    private static List<String> select(List<String> names, int[] columns) {
        List<String> picked = new ArrayList<>();
        for (int j : columns) {
            picked.add(names.get(j));
        }
        return picked;
    }

    /** @param j 0-based; the message counts from 1 like a spreadsheet */
    private static CsvException cellError(int line, int j, String name, String problem) {
        String where = "line " + line + ", column " + (j + 1) + (name.isEmpty() ? "" : " (" + name + ")");
        return new CsvException(line, j + 1, where + ": " + problem);
    }

    private static String quote(String text) {
        return "\"" + (text.length() > 30 ? text.substring(0, 30) + "…" : text) + "\"";
    }

    /**
     * Lines ending in \n or \r\n, numbered from 1, without a leading byte-order mark. A line
     * longer than maxLength is refused while it arrives rather than held whole.
     */
    private static final class Lines {
        private final BufferedReader in;
        private final int maxLength;
        private boolean atStart = true;
        int number;

        Lines(Reader in, int maxLength) {
            this.in = in instanceof BufferedReader b ? b : new BufferedReader(in);
            this.maxLength = maxLength;
        }

        String next() throws CsvException {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = read()) != -1 && c != '\n') {
                if (atStart && c == '\uFEFF') {
                    continue;
                }
                atStart = false;
                if (line.length() > maxLength) {
                    int n = number + 1;
                    throw new CsvException(n, 0, "line " + n + " is longer than " + maxLength + " characters");
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

        private int read() {
            try {
                return in.read();
            } catch (IOException e) {
                // a broken upload is not a mistake in the student's table
                throw new UncheckedIOException(e);
            }
        }
    }
}
