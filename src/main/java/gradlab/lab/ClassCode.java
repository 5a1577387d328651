package gradlab.lab;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * A class's code and its instructor's key. The code is what a class types on a phone: six
 * characters from an alphabet without 0, O, 1 and I, which read alike; it is read in either
 * case. The key is 128 random bits, kept in the instructor's cookie.
 */
public final class ClassCode {
    /** 2..9 and A..Z without I and O: 32 characters, so a code is 30 random bits. */
    static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public static final int LENGTH = 6;
    private static final int KEY_BYTES = 16;

    private ClassCode() {
    }

    /** A fresh random code. */
    static String random(SecureRandom random) {
        char[] code = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            code[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(code);
    }

    /** A fresh instructor key: 128 random bits as 32 hex digits. */
    static String key(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return HexFormat.of().formatHex(key);
    }

    /**
     * The code as it is kept (upper case), if the text is one once spaces around it are dropped:
     * six characters of the alphabet in either case. Anything else is no code.
     */
    public static Optional<String> read(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String code = text.strip().toUpperCase(Locale.ROOT);
        if (code.length() != LENGTH) {
            return Optional.empty();
        }
        for (int i = 0; i < LENGTH; i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return Optional.empty();
            }
        }
        return Optional.of(code);
    }
}
