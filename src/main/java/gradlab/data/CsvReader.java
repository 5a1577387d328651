package gradlab.data;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import org.ejml.data.DMatrixRMaj;

/**
 * Reads a student's table of numbers: a header row of column names, then one example per
 * line, comma-separated. The targets are the column {@code y}; else the columns
 * {@code y1..yk}; else the last column. Every other column is an input.
 * Jackson's CSV parser splits the records into cells; {@link CsvLines} gives it the lines.
 */
public final class CsvReader {
    /**
     * Each record as its cells. A double quote is not special: a table of numbers needs none, and
     * a quoted number is reported as the text it is ("\"1\"" is not a number).
     */
    private static final ObjectReader RECORDS = new CsvMapper().readerFor(String[].class)
            .with(CsvSchema.emptySchema().withoutQuoteChar())
            .with(CsvParser.Feature.WRAP_AS_ARRAY);
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
        CsvLines lines = new CsvLines(in, (int) Math.min(Integer.MAX_VALUE - 8, (long) maxColumns * CHARS_PER_COLUMN));
        try (MappingIterator<String[]> records = RECORDS.readValues(lines)) {
            return read(new Records(records, lines));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DataSet read(Records records) throws CsvException, IOException {
        String[] header = nextFilled(records);
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
        for (String[] cells; (cells = nextFilled(records)) != null; ) {
            int line = records.number;
            if (rows.size() == maxRows) {
                throw new CsvException(line, 0, "line " + line + ": more than " + maxRows + " rows");
            }
            rows.add(values(cells, line, names));
        }
        if (rows.isEmpty()) {
            throw new CsvException(2, 0, "line 2: no data rows");
        }
        return new DataSet(pick(rows, inputs), pick(rows, targets), select(names, inputs), select(names, targets));
    }

    /**
     * The next record that is not a blank line, or null at the end. Blank lines are fine only at
     * the end of the file, so they are held back until we know whether anything follows them.
     */
    private String[] nextFilled(Records records) throws CsvException, IOException {
        int firstBlank = 0;
        for (String[] cells; (cells = records.next()) != null; ) {
            if (!blank(cells)) {
                if (firstBlank > 0) {
                    throw new CsvException(firstBlank, 0, "line " + firstBlank + " is empty");
                }
                return cells;
            }
            if (firstBlank == 0) {
                firstBlank = records.number;
            } else if (records.number - firstBlank >= maxRows) {
                // an endless run of blank lines must not keep us reading either
                throw new CsvException(firstBlank, 0, "line " + firstBlank + " is empty");
            }
        }
        return null;
    }

    /** A line of nothing but spaces: one cell, since a comma is not a space. */
    private static boolean blank(String[] cells) {
        return cells.length == 0 || cells.length == 1 && cells[0].isBlank();
    }

    private List<String> names(String[] cells) throws CsvException {
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

    private static double[] values(String[] cells, int line, List<String> names) throws CsvException {
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

    /** The records, one per line, numbered from 1 as the lines are. */
    private static final class Records {
        private final MappingIterator<String[]> records;
        private final CsvLines lines;
        int number;

        Records(MappingIterator<String[]> records, CsvLines lines) {
            this.records = records;
            this.lines = lines;
        }

        /** The next record's cells, or null at the end; a refused line is refused here, in its place. */
        String[] next() throws IOException, CsvException {
            if (!records.hasNextValue()) {
                lines.check();
                return null;
            }
            number++;
            String[] cells = records.nextValue();
            for (int j = 0; j < cells.length; j++) {
                cells[j] = CsvLines.decode(cells[j]);
            }
            return cells;
        }
    }
}
