package gradlab.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import gradlab.lab.UploadStore.Caps;

/**
 * Each client's share of the store (the audit: one client's 50 tiny uploads evicted another
 * student's). A client's uploads beyond its quota replace its own oldest; a full store makes
 * room from the newcomer's own uploads or refuses it, and never drops one someone else holds.
 */
class UploadStoreQuotaTest {
    private static final Duration LIFE = Duration.ofHours(2);

    private final UploadStoreTest.TestClock clock = new UploadStoreTest.TestClock();

    private static InputStream file(int k) {
        return new ByteArrayInputStream(("x,y\n" + k + ",1\n").getBytes(StandardCharsets.UTF_8));
    }

    private static Caps caps(int maxUploads, int perClient) {
        return new Caps(1024, 5, 3, maxUploads, LIFE, perClient, 4, Duration.ofSeconds(10));
    }

    private String add(UploadStore store, int k, String client) throws Exception {
        String id = store.add(file(k), client).id();
        clock.advance(Duration.ofSeconds(1));
        return id;
    }

    private static void assertLives(UploadStore store, String id) {
        assertEquals(1, store.find(id).size(), id + " lives");
    }

    private static void assertExpired(UploadStore store, String id) {
        ValidationException e = assertThrows(ValidationException.class, () -> store.find(id));
        assertEquals("upload expired: upload the file again", e.getMessage());
    }

    @Test
    void oneClientsManyUploadsReplaceItsOwnOldestAndLeaveAnothersAlone() throws Exception {
        UploadStore store = new UploadStore(caps(50, 5), clock);
        String other = add(store, 0, "b");
        List<String> mine = new ArrayList<>();
        for (int k = 1; k <= 50; k++) {
            mine.add(add(store, k, "a"));
        }
        assertLives(store, other);
        for (String id : mine.subList(45, 50)) {
            assertLives(store, id);
        }
        for (String id : mine.subList(0, 45)) {
            assertExpired(store, id);
        }
        assertEquals(6, store.size());
    }

    @Test
    void uploadingAFileAgainIsNoNewUploadForTheQuota() throws Exception {
        UploadStore store = new UploadStore(caps(50, 2), clock);
        String first = add(store, 1, "a");
        String second = add(store, 2, "a");
        assertEquals(first, add(store, 1, "a"));
        assertLives(store, first);
        assertLives(store, second);
        // now the second is the client's oldest, and the third replaces it
        String third = add(store, 3, "a");
        assertExpired(store, second);
        assertLives(store, first);
        assertLives(store, third);
    }

    @Test
    void aFileTwoClientsUploadedStaysWhileEitherHoldsIt() throws Exception {
        UploadStore store = new UploadStore(caps(50, 2), clock);
        String shared = add(store, 0, "a");
        assertEquals(shared, add(store, 0, "b"));
        assertEquals(2, store.holders(shared));
        add(store, 1, "a");
        add(store, 2, "a");
        // a let go of it; b still holds it
        assertLives(store, shared);
        assertEquals(1, store.holders(shared));
        add(store, 3, "b");
        add(store, 4, "b");
        assertExpired(store, shared);
    }

    @Test
    void aStoreFullOfOtherClientsUploadsRefusesTheNewcomerAndDropsNothing() throws Exception {
        UploadStore store = new UploadStore(caps(3, 5), clock);
        List<String> held = List.of(add(store, 1, "a"), add(store, 2, "b"), add(store, 3, "c"));
        clock.advance(Duration.ofMinutes(30));

        UploadsFullException e = assertThrows(UploadsFullException.class, () -> store.add(file(4), "d"));
        // the oldest, a's, expires two hours after it came, 30 minutes and 3 seconds ago
        assertEquals(LIFE.minusMinutes(30).minusSeconds(3), e.waitFor());
        assertTrue(e.getMessage().contains("try again in 90 minutes"), e.getMessage());
        for (String id : held) {
            assertLives(store, id);
        }
        assertEquals(3, store.size());
        String refused = new UploadStore(caps(3, 5), clock).add(file(4)).id();
        ValidationException never = assertThrows(ValidationException.class, () -> store.find(refused));
        assertTrue(never.getMessage().startsWith("no uploaded data set"), never.getMessage());

        // once the oldest expires, the newcomer gets its place
        clock.advance(e.waitFor());
        String d = store.add(file(4), "d").id();
        assertLives(store, d);
        assertExpired(store, held.get(0));
    }

    @Test
    void inAFullStoreAClientsUploadReplacesItsOwnOldest() throws Exception {
        UploadStore store = new UploadStore(caps(3, 5), clock);
        String a1 = add(store, 1, "a");
        String b = add(store, 2, "b");
        String a2 = add(store, 3, "a");
        String a3 = add(store, 4, "a");
        assertExpired(store, a1);
        for (String id : List.of(b, a2, a3)) {
            assertLives(store, id);
        }
    }

    @Test
    void aFullStoreDoesNotDropAFileTheNewcomerSharesWithOthers() throws Exception {
        UploadStore store = new UploadStore(caps(2, 5), clock);
        String shared = add(store, 1, "a");
        add(store, 1, "b");
        String b = add(store, 2, "b");
        assertThrows(UploadsFullException.class, () -> store.add(file(3), "a"));
        assertLives(store, shared);
        assertLives(store, b);
        assertEquals(2, store.holders(shared));
    }

    @Test
    void theHoldersOfOneFileAreBoundedWhateverNamesScriptsInvent() throws Exception {
        UploadStore store = new UploadStore(caps(5, 1), clock);
        String id = null;
        for (int c = 0; c < 3 * UploadStore.MAX_HOLDERS; c++) {
            id = store.add(file(0), "c" + c).id();
        }
        assertEquals(UploadStore.MAX_HOLDERS, store.holders(id));
        assertLives(store, id);
    }
}
