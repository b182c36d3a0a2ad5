package live.catwalk.adapters.llm.github;

import java.nio.charset.StandardCharsets;

/** A file's raw bytes as text: UTF-8 with malformed bytes replaced, and a cut body ending on a whole character. */
final class RawText {

    private RawText() {
    }

    /** {@code bytes} decoded; when {@code cut}, a character the cut split in two is dropped, not replaced. */
    static String of(byte[] bytes, boolean cut) {
        return new String(bytes, 0, cut ? wholeCharacters(bytes) : bytes.length, StandardCharsets.UTF_8);
    }

    /** The length of {@code bytes} without a trailing, incomplete UTF-8 sequence. */
    static int wholeCharacters(byte[] bytes) {
        int lead = bytes.length - 1;
        while (lead >= 0 && bytes.length - lead < 4 && (bytes[lead] & 0xC0) == 0x80) { // continuation bytes
            lead--;
        }
        if (lead < 0) {
            return bytes.length;
        }
        int b = bytes[lead] & 0xFF;
        int length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        return lead + length > bytes.length ? lead : bytes.length;
    }
}
