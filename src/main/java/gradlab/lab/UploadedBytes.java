package gradlab.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The bytes of an uploaded file: read up to the cap, checked as UTF-8 text, hashed for its id. */
final class UploadedBytes {
    private UploadedBytes() {
    }

    static byte[] readAtMost(InputStream in, long maxBytes) throws UploadException {
        byte[] bytes;
        try {
            // never asks the stream for more than maxBytes + 1 bytes
            bytes = in.readNBytes((int) maxBytes + 1);
        } catch (IOException e) {
            throw new UploadException("the upload broke off before the whole file arrived: upload the file again");
        }
        if (bytes.length > maxBytes) {
            throw new UploadException("the file is larger than this server's limit of " + size(maxBytes)
                    + " for an upload; upload a smaller file");
        }
        return bytes;
    }

    /** The text of the file; a byte sequence that is not UTF-8 is refused with its line. */
    static String utf8(byte[] bytes) throws UploadException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new UploadException(line, 0, "line " + line + ": the file is not UTF-8 text; "
                    + "save it as CSV (UTF-8) with a spreadsheet or text editor and upload it again");
        }
        return out.flip().toString();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** A size as a person writes it: 1 MiB, 64 KiB, 1000 bytes. */
    static String size(long bytes) {
        if (bytes % (1L << 20) == 0) {
            return bytes / (1L << 20) + " MiB";
        }
        if (bytes % (1L << 10) == 0) {
            return bytes / (1L << 10) + " KiB";
        }
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }
}
