package gradlab.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.Reader;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
    private final CsvReader reader = new CsvReader(100, 10);

    private DataSet read(String text) throws CsvException {
        return reader.read(new StringReader(text));
    }

    private static void assertRows(DMatrixRMaj m, double[]... rows) {
        assertEquals(rows.length, m.numRows, "rows");
        for (int i = 0; i < rows.length; i++) {
            assertEquals(rows[i].length, m.numCols, "columns");
            for (int j = 0; j < rows[i].length; j++) {
                assertEquals(rows[i][j], m.get(i, j), 0.0, "(" + i + ", " + j + ")");
            }
        }
    }

    /** The error must be at this line and column, and say so in its message. */
    private CsvException refused(CsvReader r, String text, int line, int column) {
        CsvException e = assertThrows(CsvException.class, () -> r.read(new StringReader(text)));
        assertEquals(line, e.line(), "line: " + e.getMessage());
        assertEquals(column, e.column(), "column: " + e.getMessage());
        String where = column == 0 ? "line " + line : "line " + line + ", column " + column;
        assertTrue(e.getMessage().startsWith(where), e.getMessage());
        return e;
    }

    private CsvException refused(String text, int line, int column) {
        return refused(reader, text, line, column);
    }

    // ---- good files

    @Test
    void goodFileLandsInPlace() throws CsvException {
        DataSet d = read("a,b,c\n1,2.5,-3\n.5,1e2,4.\n-0,7E-1,1e+1\n");
        assertEquals(List.of("a", "b"), d.inputNames());
        assertEquals(List.of("c"), d.targetNames());
        assertRows(d.x(), new double[] {1, 2.5}, new double[] {0.5, 100}, new double[] {-0.0, 0.7});
        assertRows(d.y(), new double[] {-3}, new double[] {4}, new double[] {10});
    }

    @Test
    void spacesAroundNamesAndValuesAreTrimmed() throws CsvException {
        DataSet d = read(" a , b \n 1 ,  2 \n");
        assertEquals(List.of("a"), d.inputNames());
        assertEquals(List.of("b"), d.targetNames());
        assertRows(d.x(), new double[] {1});
        assertRows(d.y(), new double[] {2});
    }

    @Test
    void yColumnInTheMiddleIsTheOnlyTarget() throws CsvException {
        DataSet d = read("x1,y,x2,y1\n1,2,3,4\n5,6,7,8\n");
        assertEquals(List.of("x1", "x2", "y1"), d.inputNames());
        assertEquals(List.of("y"), d.targetNames());
        assertRows(d.x(), new double[] {1, 3, 4}, new double[] {5, 7, 8});
        assertRows(d.y(), new double[] {2}, new double[] {6});
    }

    @Test
    void numberedTargetsInAnyOrderAreReadAsY1ToYk() throws CsvException {
        DataSet d = read("y3,x1,y1,x2,y2\n0,0.1,1,0.2,0\n1,0.3,0,0.4,0\n0,0.5,0,0.6,1\n");
        assertEquals(List.of("x1", "x2"), d.inputNames());
        assertEquals(List.of("y1", "y2", "y3"), d.targetNames());
        assertRows(d.x(), new double[] {0.1, 0.2}, new double[] {0.3, 0.4}, new double[] {0.5, 0.6});
        assertRows(d.y(), new double[] {1, 0, 0}, new double[] {0, 0, 1}, new double[] {0, 1, 0});
        assertEquals(0, d.firstRowNotADistribution());
    }

    @Test
    void numberedTargetsStopAtTheFirstGap() throws CsvException {
        DataSet d = read("y1,y3,x\n1,2,3\n");
        assertEquals(List.of("y3", "x"), d.inputNames());
        assertEquals(List.of("y1"), d.targetNames());
        assertRows(d.x(), new double[] {2, 3});
    }

    @Test
    void lastColumnIsTheTargetWhenNoneIsNamed() throws CsvException {
        DataSet d = read("width,y2,price\n3,4,5\n");
        assertEquals(List.of("width", "y2"), d.inputNames());
        assertEquals(List.of("price"), d.targetNames());
        assertRows(d.y(), new double[] {5});
    }

    @Test
    void crlfAndByteOrderMark() throws CsvException {
        DataSet d = read("\uFEFFx,y\r\n1,2\r\n3,4\r\n");
        assertEquals(List.of("x"), d.inputNames());
        assertEquals(List.of("y"), d.targetNames());
        assertRows(d.x(), new double[] {1}, new double[] {3});
        assertRows(d.y(), new double[] {2}, new double[] {4});
    }

    @Test
    void lastLineNeedsNoNewline() throws CsvException {
        assertRows(read("x,y\n1,2\n3,4").y(), new double[] {2}, new double[] {4});
    }

    @Test
    void trailingBlankLinesAreIgnored() throws CsvException {
        DataSet d = read("x,y\n1,2\n3,4\n\n  \r\n\n");
        assertEquals(2, d.size());
        assertRows(d.x(), new double[] {1}, new double[] {3});
    }

    @Test
    void quotedHeaderNames() throws CsvException {
        DataSet d = read("\"size\", \"y\" ,\"the x\"\n1,2,3\n");
        assertEquals(List.of("size", "the x"), d.inputNames());
        assertEquals(List.of("y"), d.targetNames());
        assertRows(d.y(), new double[] {2});
    }

    @Test
    void exactlyMaxRowsAndMaxColumnsAreAllowed() throws CsvException {
        CsvReader small = new CsvReader(3, 3);
        DataSet d = small.read(new StringReader("a,b,c\n1,2,3\n4,5,6\n7,8,9\n\n"));
        assertEquals(3, d.size());
        assertEquals(2, d.inputs());
    }

    // ---- errors

    @Test
    void emptyFile() {
        assertTrue(refused("", 1, 0).getMessage().contains("the file is empty"));
        assertTrue(refused(" \n\n \r\n", 1, 0).getMessage().contains("the file is empty"));
        assertTrue(refused("\uFEFF", 1, 0).getMessage().contains("the file is empty"));
    }

    @Test
    void headerOnly() {
        assertTrue(refused("x,y\n", 2, 0).getMessage().contains("no data rows"));
        assertTrue(refused("x,y\n\n\n", 2, 0).getMessage().contains("no data rows"));
    }

    @Test
    void blankLineInTheMiddle() {
        assertEquals("line 4 is empty", refused("x,y\n1,2\n3,4\n\n5,6\n", 4, 0).getMessage());
        assertEquals("line 1 is empty", refused("\nx,y\n1,2\n", 1, 0).getMessage());
        assertEquals("line 3 is empty", refused("x,y\n1,2\n \n\n5,6\n", 3, 0).getMessage());
    }

    @Test
    void raggedRow() {
        CsvException e = refused("a,b,c,d\n1,2,3,4\n1,2,3,4\n1,2,3,4\n1,2,3\n", 5, 0);
        assertEquals("line 5 has 3 values; the header has 4", e.getMessage());
        assertEquals("line 2 has 5 values; the header has 4",
                refused("a,b,c,d\n1,2,3,4,5\n", 2, 0).getMessage());
    }

    @Test
    void missingValue() {
        assertEquals("line 3, column 2 (x2): missing value",
                refused("x1,x2,y\n1,2,3\n4, ,6\n", 3, 2).getMessage());
        assertEquals("line 2, column 3 (y): missing value", refused("x1,x2,y\n1,2,\n", 2, 3).getMessage());
    }

    @Test
    void notANumber() {
        assertEquals("line 4, column 2 (x2): \"abc\" is not a number",
                refused("x1,x2,y\n1,2,3\n1,2,3\n1,abc,3\n", 4, 2).getMessage());
        assertEquals("line 2, column 1 (x1): \"\"1\"\" is not a number",
                refused("x1,x2,y\n\"1\",2,3\n", 2, 1).getMessage());
        for (String bad : List.of("1f", "1d", "+1", "1e", "1.2.3", "- 1", ".", "1_000", "١")) {
            assertEquals("line 2, column 1 (a): \"" + bad + "\" is not a number",
                    refused("a,b\n" + bad + ",2\n", 2, 1).getMessage(), bad);
        }
    }

    @Test
    void longOffendingTextIsTruncatedTo30Characters() {
        String long40 = "abcdefghij".repeat(4);
        assertEquals("line 2, column 2 (b): \"" + long40.substring(0, 30) + "…\" is not a number",
                refused("a,b\n1," + long40 + "\n", 2, 2).getMessage());
    }

    @Test
    void nan() {
        assertEquals("line 2, column 1 (x): \"NaN\" is not a number", refused("x,y\nNaN,1\n", 2, 1).getMessage());
    }

    @Test
    void infinity() {
        assertEquals("line 3, column 2 (y): \"Infinity\" is not a number",
                refused("x,y\n1,2\n1,Infinity\n", 3, 2).getMessage());
        assertEquals("line 2, column 2 (y): \"-Infinity\" is not a number",
                refused("x,y\n1,-Infinity\n", 2, 2).getMessage());
    }

    @Test
    void tooLargeToBeFinite() {
        assertEquals("line 2, column 1 (x): \"1e999\" is too large", refused("x,y\n1e999,1\n", 2, 1).getMessage());
        assertEquals("line 2, column 2 (y): \"-1e999\" is too large", refused("x,y\n1,-1e999\n", 2, 2).getMessage());
    }

    @Test
    void hex() {
        assertEquals("line 2, column 2 (y): \"0x10\" is not a number", refused("x,y\n1,0x10\n", 2, 2).getMessage());
        assertEquals("line 2, column 2 (y): \"0x1p3\" is not a number", refused("x,y\n1,0x1p3\n", 2, 2).getMessage());
    }

    @Test
    void duplicateHeader() {
        assertEquals("line 1, column 3 (a): the name \"a\" is already used by column 1",
                refused("a,b,a\n1,2,3\n", 1, 3).getMessage());
        assertEquals("line 1, column 2 (a): the name \"a\" is already used by column 1",
                refused("a,\"a\"\n1,2\n", 1, 2).getMessage());
    }

    @Test
    void emptyHeaderName() {
        assertEquals("line 1, column 2: the column has no name", refused("a,,c\n1,2,3\n", 1, 2).getMessage());
        assertEquals("line 1, column 1: the column has no name", refused("\"\",b\n1,2\n", 1, 1).getMessage());
    }

    @Test
    void oneColumn() {
        assertTrue(refused("y\n1\n2\n", 1, 0).getMessage().contains("need at least two columns: inputs and a target"));
    }

    @Test
    void onlyTargetColumns() {
        assertTrue(refused("y1,y2\n1,0\n", 1, 0).getMessage().contains("need at least one input column"));
    }

    @Test
    void tooManyColumns() {
        CsvReader three = new CsvReader(100, 3);
        CsvException e = refused(three, "a,b,c,d\n1,2,3,4\n", 1, 0);
        assertTrue(e.getMessage().contains("more than 3 columns"), e.getMessage());
    }

    @Test
    void tooManyRows() {
        CsvReader five = new CsvReader(5, 10);
        CsvException e = refused(five, "x,y\n" + "1,2\n".repeat(6), 7, 0);
        assertEquals("line 7: more than 5 rows", e.getMessage());
        // blank lines are not rows, but a row after them still breaks the limit or the blank rule
        assertEquals("line 7 is empty", refused(five, "x,y\n" + "1,2\n".repeat(5) + "\n1,2\n", 7, 0).getMessage());
    }

    @Test
    void endlessRowsAreRefusedWithoutReadingThemAll() {
        CountingReader endless = new CountingReader("x,y\n", "1,2\n");
        CsvException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(CsvException.class, () -> new CsvReader(1000, 10).read(endless)));
        assertEquals(1002, e.line());
        assertEquals("line 1002: more than 1000 rows", e.getMessage());
        // 1001 rows are 4 KB; what more was read is only the read-ahead of one buffer
        assertTrue(endless.read < 16_384 + 4 * 1002, "read " + endless.read + " characters");
    }

    @Test
    void endlessLineIsRefusedWithoutHoldingIt() {
        CountingReader endless = new CountingReader("x,y\n1,", "1");
        CsvException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(CsvException.class, () -> new CsvReader(1000, 10).read(endless)));
        assertEquals(2, e.line());
        assertEquals(0, e.column());
        assertTrue(e.getMessage().startsWith("line 2 is longer than"), e.getMessage());
        assertTrue(endless.read < 10 * 256 + 16_384, "read " + endless.read + " characters");
    }

    @Test
    void endlessBlankLinesAreRefused() {
        CountingReader endless = new CountingReader("x,y\n1,2\n", "\n");
        CsvException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(CsvException.class, () -> new CsvReader(1000, 10).read(endless)));
        assertEquals("line 3 is empty", e.getMessage());
        assertTrue(endless.read < 16_384 + 1010, "read " + endless.read + " characters");
    }

    @Test
    void onlyNewlineOrCrlfEndsALine() {
        assertEquals("line 2 has 3 values; the header has 2", refused("x,y\n1,2\r3,4\n", 2, 0).getMessage());
        assertEquals("line 2, column 1 (x): \"1\r2\" is not a number", refused("x,y\n1\r2,3\n", 2, 1).getMessage());
    }

    @Test
    void quotesAreTextAndDoNotHoldCommas() throws CsvException {
        DataSet d = read("\"a,b\",y\n1,2,3\n");
        assertEquals(List.of("\"a", "b\""), d.inputNames());
        assertEquals(List.of("y"), d.targetNames());
    }

    @Test
    void namesKeepEveryCharacter() throws CsvException {
        // U+E000 is what carries a lone \r through the parser: in a name it is itself
        DataSet d = read("\uE000r,\uE000\uE000y\r\n1,2\r\n");
        assertEquals(List.of("\uE000r"), d.inputNames());
        assertEquals(List.of("\uE000\uE000y"), d.targetNames());
    }

    @Test
    void aLineTooLongComesAfterTheLinesBeforeIt() {
        assertEquals("line 2, column 2 (y): \"abc\" is not a number",
                refused("x,y\n1,abc\n" + "1".repeat(3000) + "\n", 2, 2).getMessage());
        assertTrue(refused("x,y\n1,2\n" + "1".repeat(3000) + "\n", 3, 0).getMessage()
                .startsWith("line 3 is longer than 2560 characters"));
        assertTrue(refused("x,y\n1,2\n\n" + "1".repeat(3000) + "\n", 4, 0).getMessage()
                .startsWith("line 4 is longer than"));
    }

    /** A prefix, then the same text again and again forever, counting what was read. */
    private static final class CountingReader extends Reader {
        private final String prefix;
        private final String repeated;
        private long position;
        long read;

        CountingReader(String prefix, String repeated) {
            this.prefix = prefix;
            this.repeated = repeated;
        }

        @Override
        public int read(char[] buffer, int offset, int length) {
            for (int i = 0; i < length; i++, position++) {
                buffer[offset + i] = position < prefix.length()
                        ? prefix.charAt((int) position)
                        : repeated.charAt((int) ((position - prefix.length()) % repeated.length()));
            }
            read += length;
            return length;
        }

        @Override
        public void close() {
        }
    }
}
