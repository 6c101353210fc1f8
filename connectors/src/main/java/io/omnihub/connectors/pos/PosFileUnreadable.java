package io.omnihub.connectors.pos;

/**
 * A POS drop that cannot be read at all: a bad file name, an unknown store, bytes that do not
 * decode in the instance's charset, no header or a missing required column. The message is what
 * goes into {@code .error/<file>.reason.txt}, written for the person who runs the POS.
 */
public class PosFileUnreadable extends Exception {

    public PosFileUnreadable(String reason) {
        super(reason);
    }
}
