package io.omnihub.connectors.pos;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a POS drop's bytes say about their charset, whatever the instance is set to: fed every byte
 * of the file once, it knows whether the file starts with a UTF-8 byte-order mark, whether all of
 * it is valid UTF-8, and how many multi-byte UTF-8 characters it has. Strict decoding alone cannot
 * catch a UTF-8 file on a GBK instance, since UTF-8 bytes are mostly valid GBK too (张三 reads as
 * 寮犱笁); but a file that is valid UTF-8 and has multi-byte characters is almost certainly UTF-8,
 * as GBK text is almost never valid UTF-8.
 */
public final class PosFileCharset {

    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private long bytes;
    private boolean bom = true;
    private long line = 1;
    private boolean validUtf8 = true;
    private long firstInvalidLine;
    private long multiByteChars;
    private long firstMultiByteLine;
    // the UTF-8 sequence being read: continuation bytes still due, and the range of the next one
    private int due;
    private int low = 0x80;
    private int high = 0xBF;

    public void update(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            update(b[i] & 0xFF);
        }
    }

    private void update(int b) {
        if (bytes < BOM.length) {
            bom &= b == (BOM[(int) bytes] & 0xFF);
        }
        bytes++;
        if (!validUtf8) {
            if (b == '\n') {
                line++;
            }
            return;
        }
        if (due > 0) {
            if (b < low || b > high) {
                invalid();
            } else {
                low = 0x80;
                high = 0xBF;
                if (--due == 0) {
                    multiByte();
                }
            }
        } else if (b < 0x80) {
            // ASCII
        } else if (b >= 0xC2 && b <= 0xDF) {
            expect(1, 0x80, 0xBF);
        } else if (b == 0xE0) {
            expect(2, 0xA0, 0xBF); // no overlong forms
        } else if (b == 0xED) {
            expect(2, 0x80, 0x9F); // no surrogates
        } else if (b >= 0xE1 && b <= 0xEF) {
            expect(2, 0x80, 0xBF);
        } else if (b == 0xF0) {
            expect(3, 0x90, 0xBF);
        } else if (b >= 0xF1 && b <= 0xF3) {
            expect(3, 0x80, 0xBF);
        } else if (b == 0xF4) {
            expect(3, 0x80, 0x8F); // nothing over U+10FFFF
        } else {
            invalid();
        }
        if (b == '\n') {
            line++;
        }
    }

    private void expect(int continuations, int lo, int hi) {
        due = continuations;
        low = lo;
        high = hi;
    }

    private void multiByte() {
        if (multiByteChars++ == 0) {
            firstMultiByteLine = line;
        }
    }

    private void invalid() {
        validUtf8 = false;
        firstInvalidLine = line;
    }

    public boolean startsWithUtf8Bom() {
        return bom && bytes >= BOM.length;
    }

    /** Whether every byte seen is part of valid UTF-8 (a sequence cut off by the end of the file is not). */
    public boolean isValidUtf8() {
        return validUtf8 && due == 0;
    }

    public long multiByteChars() {
        return multiByteChars;
    }

    /**
     * Why a file with these bytes cannot be read in {@code instance}'s charset, if it cannot; only
     * what the bytes show for certain (a UTF-8 file on an instance that is not UTF-8). A file
     * that does not decode in the instance's charset is judged by {@link #notDecodable}.
     */
    public Optional<String> mismatch(Charset instance) {
        if (isUtf8(instance)) {
            return Optional.empty();
        }
        if (startsWithUtf8Bom()) {
            return Optional.of(
                    "the file starts with a UTF-8 byte-order mark, so it is UTF-8, but this POS instance is set "
                            + "to charset " + instance.name() + ": read as " + instance.name()
                            + " its text would be garbled. "
                            + fix(StandardCharsets.UTF_8, instance));
        }
        if (isValidUtf8() && multiByteChars > 0) {
            return Optional.of("the file is UTF-8 (all of it is valid UTF-8, with " + multiByteChars + " multi-byte "
                    + "characters from line " + firstMultiByteLine + "), but this POS instance is set to charset "
                    + instance.name() + ": read as " + instance.name() + " its text would be garbled (张三 would read as "
                    + new String("张三".getBytes(StandardCharsets.UTF_8), instance) + "). "
                    + fix(StandardCharsets.UTF_8, instance));
        }
        return Optional.empty();
    }

    /**
     * Why a file that does not decode in {@code instance}'s charset (somewhere after {@code line})
     * was refused, naming the charset it seems to be in: UTF-8 when its bytes are, else
     * {@code other} when {@code readsAsOther} (the caller decoded it so), else neither.
     */
    public String notDecodable(Charset instance, long line, Charset other, boolean readsAsOther) {
        String head = "the file is not valid " + instance.name()
                + (isUtf8(instance) && !validUtf8 ? " (line " + firstInvalidLine + ")" : " (after line " + line + ")");
        if (!isUtf8(instance) && isValidUtf8()) {
            return head + ": it is UTF-8, but this POS instance is set to charset " + instance.name() + ". "
                    + fix(StandardCharsets.UTF_8, instance);
        }
        if (readsAsOther) {
            return head + ": it reads as " + other.name() + ", but this POS instance is set to charset "
                    + instance.name() + ". " + fix(other, instance);
        }
        return head + ", nor " + (isUtf8(instance) ? other.name() : "UTF-8") + ": this POS instance is set to charset "
                + instance.name() + ". Export the file again from the POS in " + instance.name() + ".";
    }

    /** Why a file whose text has U+FFFD at {@code line} was refused: it was garbled before it was written. */
    public static String replacementCharacter(Charset instance, long line) {
        return "line " + line + " has the replacement character U+FFFD (shown as \uFFFD, or as 锟斤拷 in GBK): the text "
                + "was garbled before the file was written, decoded in the wrong charset somewhere on the way; this POS "
                + "instance is set to charset " + instance.name() + ". Export the file again from the POS.";
    }

    static boolean isUtf8(Charset c) {
        return c.equals(StandardCharsets.UTF_8);
    }

    private static String fix(Charset file, Charset instance) {
        return "Export the file as " + instance.name() + ", or set this instance's charset to " + file.name() + ".";
    }
}
