package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import gradlab.engine.Procedure;
import gradlab.data.CsvException;
import gradlab.data.CsvReader;
import gradlab.data.DataSet;
import gradlab.lab.UploadStore.Caps;
import gradlab.lab.UploadStore.Upload;

/**
 * The store of uploaded CSV files against DESIGN.md's "Hosting": the id is u- and the first
 * 12 hex digits of the file's SHA-256, an upload lives in memory until it expires, then its
 * id is refused on data with "upload expired: upload the file again".
 */
class UploadStoreTest {
    private static final Instant T0 = Instant.parse("2025-01-01T08:00:00Z");
    private static final Duration LIFE = Duration.ofHours(2);
    private static final Caps SMALL = new Caps(1024, 5, 3, 3, LIFE);
    private static final String GOOD = "x1,x2,y\n1,2.5,3\n-4,5e-1,.25\n";

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>(T0);

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /**
     * An endless file of digits that counts what was taken from it. Past a generous bound it
     * fails the test, so a store that reads everything fails cleanly instead of filling memory.
     */
    private static final class EndlessStream extends InputStream {
        static final int BOUND = 64 << 20;
        final AtomicLong taken = new AtomicLong();

        @Override
        public int read() {
            return read(new byte[1], 0, 1) < 0 ? -1 : '1';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (taken.addAndGet(len) > BOUND) {
                throw new AssertionError("the store went on reading past " + BOUND + " bytes");
            }
            Arrays.fill(b, off, off + len, (byte) '1');
            return len;
        }
    }

    private final TestClock clock = new TestClock();

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String expectedId(byte[] file) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(file);
        StringBuilder hex = new StringBuilder("u-");
        for (int i = 0; i < 6; i++) {
            hex.append(String.format("%02x", hash[i] & 0xff));
        }
        return hex.toString();
    }

    private static ValidationException refused(UploadStore store, String id) {
        return assertThrows(ValidationException.class, () -> store.find(id), () -> id + " should be refused");
    }

    private static void assertRefusedExpired(UploadStore store, String id) {
        ValidationException e = refused(store, id);
        assertEquals("data", e.param());
        assertEquals("upload expired: upload the file again", e.getMessage());
    }

    private static void assertNeverSeen(UploadStore store, String id) {
        ValidationException e = refused(store, id);
        assertEquals("data", e.param());
        assertEquals("no uploaded data set " + id + " on this server: upload the file again", e.getMessage());
    }

    // ---------------------------------------------------------------------------- good files

    @Test
    void theDefaultCapsAreTheBriefs() {
        assertEquals(new Caps(1_048_576, 10_000, 32, 50, Duration.ofHours(2), 5, 16, Duration.ofSeconds(60)), Caps.DEFAULT);
    }

    @Test
    void aGoodFileLandsInTheStoreUnderItsHash() throws Exception {
        UploadStore store = new UploadStore(SMALL, clock);
        Upload u = store.add(bytes(GOOD));

        assertTrue(u.id().matches("u-[0-9a-f]{12}"), u.id());
        assertEquals(expectedId(GOOD.getBytes(StandardCharsets.UTF_8)), u.id());
        assertEquals(T0.plus(LIFE), u.expires());

        DataSet d = store.find(u.id());
        assertEquals(List.of("x1", "x2"), d.inputNames());
        assertEquals(List.of("y"), d.targetNames());
        assertArrayEquals(new double[] {1, 2.5, -4, 0.5}, Arrays.copyOf(d.x().data, d.x().getNumElements()));
        assertArrayEquals(new double[] {3, 0.25}, Arrays.copyOf(d.y().data, d.y().getNumElements()));
        assertSame(d, store.peek(u.id()).orElseThrow().data());
        assertEquals(u, store.peek(u.id()).orElseThrow());
    }

    @Test
    void theSameFileGetsTheSameIdInEveryStoreAndAnotherFileAnother() throws Exception {
        String a = new UploadStore(SMALL, clock).add(bytes(GOOD)).id();
        String b = new UploadStore(Caps.DEFAULT, Clock.systemUTC()).add(bytes(GOOD)).id();
        assertEquals(a, b);

        UploadStore store = new UploadStore(SMALL, clock);
        assertEquals(a, store.add(bytes(GOOD)).id());
        assertEquals(a, store.add(bytes(GOOD)).id());
        assertEquals(1, store.size());
        // one byte more is another file, even with the same numbers
        String other = store.add(bytes(GOOD + "\n")).id();
        assertNotEquals(a, other);
        assertNotEquals(a, store.add(bytes(GOOD.replace("3\n", "4\n"))).id());
        assertEquals(3, store.size());
    }

    @Test
    void aFileOfExactlyTheCapIsTakenAndOneByteMoreIsNot() throws Exception {
        Caps caps = new Caps(64, 5, 3, 3, LIFE);
        // spaces around a value are allowed, so padding with them keeps the file good
        String exact = GOOD.substring(0, GOOD.length() - 1) + " ".repeat(64 - GOOD.length()) + "\n";
        assertEquals(64, exact.getBytes(StandardCharsets.UTF_8).length);
        UploadStore store = new UploadStore(caps, clock);
        assertEquals(2, store.find(store.add(bytes(exact)).id()).size());

        UploadException e = assertThrows(UploadException.class, () -> store.add(bytes(exact + "\n")));
        assertTrue(e.getMessage().contains("64 bytes"), e.getMessage());
    }

    // ---------------------------------------------------------------------------- bad files

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("empty", "", 1, 0),
                Arguments.of("header only", "x,y\n", 2, 0),
                Arguments.of("one column", "x\n1\n", 1, 0),
                Arguments.of("not a number", "x,y\n1,2\n3,abc\n", 3, 2),
                Arguments.of("NaN", "x,y\nNaN,2\n", 2, 1),
                Arguments.of("missing value", "x,y\n1,\n", 2, 2),
                Arguments.of("short row", "x,y\n1,2\n3\n", 3, 0),
                Arguments.of("unnamed column", "x,,y\n1,2,3\n", 1, 2),
                Arguments.of("repeated name", "x,x,y\n1,2,3\n", 1, 2),
                Arguments.of("too many columns", "a,b,c,d\n1,2,3,4\n", 1, 0),
                Arguments.of("too many rows", "x,y\n1,1\n2,2\n3,3\n4,4\n5,5\n6,6\n", 7, 0),
                Arguments.of("blank line inside", "x,y\n1,2\n\n3,4\n", 3, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadFileIsRefusedWithTheCsvReadersMessage(String kind, String text, int line, int column) throws Exception {
        UploadStore store = new UploadStore(SMALL, clock);
        UploadException e = assertThrows(UploadException.class, () -> store.add(bytes(text)));

        CsvException direct = assertThrows(CsvException.class,
                () -> new CsvReader(SMALL.maxRows(), SMALL.maxColumns()).read(new StringReader(text)));
        assertEquals(direct.getMessage(), e.getMessage());
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        String where = column == 0 ? "line " + line : "line " + line + ", column " + column;
        assertTrue(e.getMessage().startsWith(where), e.getMessage());
        assertEquals(0, store.size());
        assertNeverSeen(store, expectedId(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedWithItsLine() {
        byte[] latin1 = "x,y\n1,2\nm\u00e8tre,3\n".getBytes(StandardCharsets.ISO_8859_1);
        UploadStore store = new UploadStore(SMALL, clock);
        UploadException e = assertThrows(UploadException.class, () -> store.add(new ByteArrayInputStream(latin1)));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("line 3: "), e.getMessage());
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        assertEquals(0, store.size());
    }

    @Test
    void anOversizedUploadIsRefusedWithoutReadingItAll() {
        EndlessStream endless = new EndlessStream();
        UploadStore store = new UploadStore(new Caps(4096, 5, 3, 3, LIFE), clock);
        UploadException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(UploadException.class, () -> store.add(endless)));
        assertTrue(e.getMessage().contains("4 KiB"), e.getMessage());
        assertTrue(endless.taken.get() > 4096, "read " + endless.taken.get());
        assertTrue(endless.taken.get() <= 4096 + 8192, "read " + endless.taken.get());
        assertEquals(0, store.size());
    }

    @Test
    void theDefaultCapNamesOneMebibyte() {
        EndlessStream endless = new EndlessStream();
        UploadStore store = new UploadStore(Caps.DEFAULT, clock);
        UploadException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(UploadException.class, () -> store.add(endless)));
        assertTrue(e.getMessage().contains("1 MiB"), e.getMessage());
        assertTrue(endless.taken.get() <= (1 << 20) + 8192, "read " + endless.taken.get());
    }

    @Test
    void anUploadThatBreaksOffIsRefusedWithAMessage() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        UploadStore store = new UploadStore(SMALL, clock);
        UploadException e = assertThrows(UploadException.class, () -> store.add(broken));
        assertTrue(e.getMessage().contains("upload the file again"), e.getMessage());
        assertFalse(e.getMessage().contains("connection reset"), e.getMessage());
    }

    // ---------------------------------------------------------------------------- expiry

    @Test
    void anUploadLivesUntilItsLifetimeEndsThenItsIdSaysExpired() throws Exception {
        UploadStore store = new UploadStore(SMALL, clock);
        String id = store.add(bytes(GOOD)).id();

        clock.advance(LIFE.minusNanos(1));
        assertEquals(2, store.find(id).size());
        assertTrue(store.peek(id).isPresent());

        clock.advance(Duration.ofNanos(1));
        assertTrue(store.peek(id).isEmpty());
        assertRefusedExpired(store, id);
        assertEquals(0, store.size(), "an expired upload is dropped when it is asked for");
    }

    @Test
    void uploadingTheSameFileAgainRefreshesItsExpiry() throws Exception {
        UploadStore store = new UploadStore(SMALL, clock);
        String id = store.add(bytes(GOOD)).id();
        clock.advance(Duration.ofHours(1));
        assertEquals(T0.plus(Duration.ofHours(3)), store.add(bytes(GOOD)).expires());

        clock.advance(Duration.ofMinutes(90));
        assertEquals(2, store.find(id).size());
        clock.advance(Duration.ofMinutes(30));
        assertRefusedExpired(store, id);
    }

    @Test
    void anExpiredFileCanBeUploadedAgain() throws Exception {
        UploadStore store = new UploadStore(SMALL, clock);
        String id = store.add(bytes(GOOD)).id();
        clock.advance(LIFE);
        assertRefusedExpired(store, id);
        assertEquals(id, store.add(bytes(GOOD)).id());
        assertEquals(2, store.find(id).size());
    }

    @Test
    void anIdNeverUploadedHereIsRefusedAsUnknown() throws Exception {
        UploadStore store = new UploadStore(SMALL, clock);
        store.add(bytes(GOOD));
        assertNeverSeen(store, "u-0123456789ab");
        assertTrue(store.peek("u-0123456789ab").isEmpty());
    }

    // ---------------------------------------------------------------------------- capacity

    private static String file(int k) {
        return "x,y\n" + k + ",1\n";
    }

    @Test
    void aFullStoreDropsTheUploadThatExpiresSoonest() throws Exception {
        UploadStore store = new UploadStore(SMALL, clock);
        String a = store.add(bytes(file(1))).id();
        clock.advance(Duration.ofMinutes(1));
        String b = store.add(bytes(file(2))).id();
        clock.advance(Duration.ofMinutes(1));
        String c = store.add(bytes(file(3))).id();
        clock.advance(Duration.ofMinutes(1));
        // a, the oldest, is refreshed, so b now expires soonest
        store.add(bytes(file(1)));
        assertEquals(3, store.size());

        String d = store.add(bytes(file(4))).id();
        assertEquals(3, store.size());
        assertRefusedExpired(store, b);
        for (String id : List.of(a, c, d)) {
            assertEquals(1, store.find(id).size(), id);
        }
    }

    @Test
    void aFullStoreDropsEveryExpiredUploadBeforeItCountsRoom() throws Exception {
        UploadStore store = new UploadStore(SMALL, clock);
        String a = store.add(bytes(file(1))).id();
        clock.advance(Duration.ofMinutes(1));
        String b = store.add(bytes(file(2))).id();
        clock.advance(Duration.ofMinutes(89));
        String c = store.add(bytes(file(3))).id();
        clock.advance(Duration.ofMinutes(31));
        // a and b have expired, c lives; the store is full
        String d = store.add(bytes(file(4))).id();

        assertEquals(2, store.size());
        assertRefusedExpired(store, a);
        assertRefusedExpired(store, b);
        assertEquals(1, store.find(c).size());
        assertEquals(1, store.find(d).size());
    }

    @Test
    void theMemoryOfGoneIdsIsBounded() throws Exception {
        UploadStore store = new UploadStore(new Caps(1024, 5, 3, 1, LIFE), clock, 2);
        List<String> ids = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            ids.add(store.add(bytes(file(k))).id());
            clock.advance(Duration.ofSeconds(1));
        }
        // three were evicted; only the last two of them are remembered
        assertNeverSeen(store, ids.get(0));
        assertRefusedExpired(store, ids.get(1));
        assertRefusedExpired(store, ids.get(2));
        assertEquals(1, store.find(ids.get(3)).size());
    }

    // ---------------------------------------------------------------------------- threads

    @Test
    void manyThreadsAddAndFindAtOnce() throws Exception {
        int threads = 8;
        int each = 25;
        UploadStore store = new UploadStore(new Caps(1024, 5, 3, threads * each + 1, LIFE), clock);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<List<String>> work = () -> {
                    start.await();
                    List<String> ids = new ArrayList<>();
                    for (int k = 0; k < each; k++) {
                        String id = store.add(bytes(file(thread * each + k))).id();
                        ids.add(id);
                        // the file every thread shares
                        ids.add(store.add(bytes(GOOD)).id());
                        assertEquals(thread * each + k, store.find(id).x().get(0, 0));
                    }
                    return ids;
                };
                results.add(pool.submit(work));
            }
            start.countDown();
            Set<String> distinct = new HashSet<>();
            Set<String> shared = new HashSet<>();
            for (Future<List<String>> f : results) {
                List<String> ids = f.get(30, TimeUnit.SECONDS);
                for (int i = 0; i < ids.size(); i += 2) {
                    distinct.add(ids.get(i));
                    shared.add(ids.get(i + 1));
                }
            }
            assertEquals(threads * each, distinct.size());
            assertEquals(Set.of(expectedId(GOOD.getBytes(StandardCharsets.UTF_8))), shared);
            assertEquals(threads * each + 1, store.size());
            for (String id : distinct) {
                assertEquals(1, store.find(id).size());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------------------- in the lab

    @Test
    void anUploadIsALabsDataAndItsRowsAreTheDefaultN() throws Exception {
        StringBuilder csv = new StringBuilder("x,y\n");
        List<Double> xs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            double x = i / 4.0;
            xs.add(x);
            csv.append(x).append(',').append(2 * x - 1).append('\n');
        }
        UploadStore store = new UploadStore(Caps.DEFAULT, clock);
        String id = store.add(bytes(csv.toString())).id();

        LabSpec spec = LabSpec.parse("data=" + id + "&hidden=4", Limits.DEFAULT, store);
        assertEquals(id, spec.data().id());
        assertEquals(20, spec.n());
        assertEquals(20, spec.batch());
        assertEquals(5, LabSpec.parse("data=" + id + "&n=5", Limits.DEFAULT, store).n());
        ValidationException tooMany = assertThrows(ValidationException.class,
                () -> LabSpec.parse("data=" + id + "&n=21", Limits.DEFAULT, store));
        assertEquals("n", tooMany.param());
        assertTrue(tooMany.getMessage().contains("1 to 20"), tooMany.getMessage());

        Comparison c = Comparison.compute(spec, Limits.DEFAULT, store);
        assertEquals(20, c.batch().size());
        double[] batchX = Arrays.copyOf(c.batch().x().data, 20);
        Arrays.sort(batchX);
        assertArrayEquals(xs.stream().mapToDouble(Double::doubleValue).toArray(), batchX);
        for (int i = 0; i < 20; i++) {
            assertEquals(2 * c.batch().x().get(i, 0) - 1, c.batch().y().get(i, 0), 0.0);
        }
        assertTrue(c.gradients().keySet().containsAll(List.of(Procedure.PER_EXAMPLE, Procedure.BATCHED, Procedure.MEAN_INPUT, Procedure.MEAN_ERROR)),
                c.gradients().keySet()::toString);
        assertTrue(Double.isFinite(c.cost()));
    }

    @Test
    void anExpiredUploadIsRefusedOnDataByTheLab() throws Exception {
        UploadStore store = new UploadStore(SMALL, clock);
        String id = store.add(bytes(GOOD)).id();
        clock.advance(LIFE);
        ValidationException e = assertThrows(ValidationException.class,
                () -> LabSpec.parse("data=" + id, Limits.DEFAULT, store));
        assertEquals("data", e.param());
        assertEquals("upload expired: upload the file again", e.getMessage());
    }
}
