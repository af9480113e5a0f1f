package org.qinqing.intake.attachment;

import java.io.IOException;
import java.io.InputStream;

/** Where attachment bytes live; the filesystem is one implementation, an object store would be another. */
public interface AttachmentStore {

    /** What was stored: its key, its size and its SHA-256 (hex), computed while the bytes streamed in. */
    record Stored(String key, long size, String sha256) {
    }

    /** Thrown, with nothing kept, when the bytes exceed the limit. */
    class TooLarge extends IOException {
        public TooLarge(long limit) {
            super("larger than " + limit + " bytes");
        }
    }

    Stored put(InputStream bytes, long maxBytes) throws IOException;

    InputStream open(String key) throws IOException;

    void delete(String key) throws IOException;
}
