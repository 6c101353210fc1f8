package io.omnihub.mappings;

/** An inbound payload that breaks its contract, naming the offending field (e.g. {@code lines[0].qty}). */
public class PayloadException extends IllegalArgumentException {

    private final String field;

    public PayloadException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
