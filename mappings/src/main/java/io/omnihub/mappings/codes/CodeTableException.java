package io.omnihub.mappings.codes;

/** A code table file that cannot be used; the message names the file and line. */
public class CodeTableException extends RuntimeException {
    public CodeTableException(String message) {
        super(message);
    }
}
