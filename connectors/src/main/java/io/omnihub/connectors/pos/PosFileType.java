package io.omnihub.connectors.pos;

import java.util.List;

/**
 * The three kinds of POS drop (contract §3) and their columns. A file without one of its required
 * columns cannot be read at all; optional columns may be missing from the header, and any column's
 * value may be checked per row.
 */
public enum PosFileType {
    SALES(
            List.of("receipt_no", "line_no", "sold_at", "sku", "qty", "unit_price", "amount"),
            List.of("member_card", "member_phone")),
    STOCK(List.of("sku", "on_hand", "counted_at"), List.of()),
    MEMBERS(List.of("member_card", "phone", "registered_at"), List.of("name", "gender", "birthday"));

    private final List<String> required;
    private final List<String> optional;

    PosFileType(List<String> required, List<String> optional) {
        this.required = required;
        this.optional = optional;
    }

    public List<String> requiredColumns() {
        return required;
    }

    public List<String> optionalColumns() {
        return optional;
    }
}
