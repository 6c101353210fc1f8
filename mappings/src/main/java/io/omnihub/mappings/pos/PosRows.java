package io.omnihub.mappings.pos;

import io.omnihub.mappings.InputLimits;
import io.omnihub.mappings.PayloadException;
import io.omnihub.mappings.Phones;
import io.omnihub.mappings.codes.SkuCodeTable;
import io.omnihub.mappings.model.Buyer;
import io.omnihub.mappings.model.Identifier;
import io.omnihub.mappings.model.MemberEvent;
import io.omnihub.mappings.model.Money;
import io.omnihub.mappings.model.Order;
import io.omnihub.mappings.model.OrderLine;
import io.omnihub.mappings.model.OrderStatus;
import io.omnihub.mappings.model.StockMovement;
import io.omnihub.mappings.model.StockSnapshot;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * POS drop rows (contract §3) onto the canonical model. A {@code SALES} row is a receipt line: it
 * becomes a stock movement at the store and a line of the receipt's order; a {@code STOCK} row is
 * a counted snapshot; a {@code MEMBERS} row a member sign-up. A row breaking the contract throws
 * a {@link PayloadException} naming its column, which is what the store reads in the errors file.
 * Times are store-local and converted with the store's zone. Quantities, amounts and times keep
 * the hub's {@link InputLimits}; {@code now} is the hub's clock when the file is read.
 */
public final class PosRows {

    public static final String CHANNEL_TYPE = "pos-ftp";
    private static final DateTimeFormatter LOCAL_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    /** Where a drop comes from: the POS instance, the store code in the file name, its hub location and zone. */
    public record Store(String instanceId, String storeCode, String location, ZoneId zone) {}

    /** One receipt line of a {@code SALES} row; a negative quantity is a return. */
    public record SaleLine(
            String receiptNo,
            int lineNo,
            Instant soldAt,
            String sku,
            String posSku,
            long qty,
            long unitPriceFen,
            long amountFen,
            String memberCard,
            String memberPhone) {}

    private PosRows() {}

    public static SaleLine sale(
            Store store, Function<String, String> row, SkuCodeTable codes, InputLimits limits, Instant now) {
        String receipt = required(row, "receipt_no");
        long lineNo = wholeNumber(row, "line_no");
        if (lineNo < 1 || lineNo > Integer.MAX_VALUE) {
            throw new PayloadException("line_no", "must be 1 or more, got '" + row.apply("line_no") + "'");
        }
        Instant soldAt = limits.notInFuture("sold_at", localTime(store, row, "sold_at"), now);
        String posSku = required(row, "sku");
        String sku = sku(store, posSku, codes);
        long qty = limits.quantity("qty", wholeNumber(row, "qty"));
        if (qty == 0) {
            throw new PayloadException("qty", "must not be 0 (a negative quantity is a return)");
        }
        long unit = limits.amountFen("unit_price", yuan(row, "unit_price"));
        if (unit < 0) {
            throw new PayloadException("unit_price", "must not be negative");
        }
        // POS systems write a return's amount either negative or positive; the sign follows qty
        long amount = Math.abs(limits.amountFen("amount", yuan(row, "amount"))) * Long.signum(qty);
        String phone = optional(row, "member_phone");
        if (phone != null) {
            phone = phone(phone, "member_phone");
        }
        return new SaleLine(
                receipt, (int) lineNo, soldAt, sku, posSku, qty, unit, amount, optional(row, "member_card"), phone);
    }

    /** The idempotency key of a receipt line: store, receipt number and line number (contract §3). */
    public static String lineKey(Store store, SaleLine line) {
        return store.instanceId() + ":" + store.storeCode() + ":" + line.receiptNo() + ":" + line.lineNo();
    }

    /** The order id of a receipt: receipt numbers are unique within a store, so the store code leads. */
    public static String receiptOrderId(Store store, String receiptNo) {
        return store.storeCode() + "-" + receiptNo;
    }

    /** A sale takes the units off the store's shelf; a return puts them back. */
    public static StockMovement movement(Store store, SaleLine line) {
        return new StockMovement(
                StockMovement.SCHEMA,
                lineKey(store, line),
                line.sku(),
                store.location(),
                -line.qty(),
                line.qty() > 0 ? StockMovement.Kind.SALE : StockMovement.Kind.RETURN,
                store.instanceId(),
                receiptOrderId(store, line.receiptNo()),
                line.soldAt());
    }

    /**
     * The receipt as an order: the lines already stored for it (from an earlier file or batch) and
     * the new ones. A receipt of returns only is REFUNDED, anything else COMPLETED: a POS sale is
     * paid at the till.
     */
    public static Order receipt(Store store, String receiptNo, Order stored, List<SaleLine> added) {
        Map<String, OrderLine> lines = new LinkedHashMap<>();
        Instant first = stored == null ? null : stored.createdAt();
        Instant last = stored == null ? null : stored.modifiedAt();
        Buyer buyer = stored == null ? null : stored.buyer();
        if (stored != null) {
            stored.lines().forEach(l -> lines.put(l.lineId(), l));
        }
        for (SaleLine l : added) {
            lines.putIfAbsent(
                    Integer.toString(l.lineNo()),
                    new OrderLine(
                            Integer.toString(l.lineNo()),
                            l.sku(),
                            null,
                            l.posSku(),
                            null,
                            l.qty(),
                            l.unitPriceFen(),
                            l.amountFen(),
                            null));
            first = first == null || l.soldAt().isBefore(first) ? l.soldAt() : first;
            last = last == null || l.soldAt().isAfter(last) ? l.soldAt() : last;
            if (buyer == null && (l.memberCard() != null || l.memberPhone() != null)) {
                buyer = new Buyer(null, null, null, l.memberPhone(), null, null, l.memberCard(), null);
            }
        }
        List<OrderLine> sorted = new ArrayList<>(lines.values());
        sorted.sort(Comparator.comparingInt(l -> Integer.parseInt(l.lineId())));
        long total = sorted.stream().mapToLong(OrderLine::amountFen).sum();
        boolean returnsOnly = sorted.stream().allMatch(l -> l.quantity() < 0);
        return new Order(
                Order.SCHEMA,
                store.instanceId(),
                CHANNEL_TYPE,
                receiptOrderId(store, receiptNo),
                returnsOnly ? OrderStatus.REFUNDED : OrderStatus.COMPLETED,
                first,
                first,
                last,
                buyer,
                null,
                sorted,
                total,
                0,
                stored == null ? null : stored.customerId());
    }

    public static StockSnapshot stock(
            Store store, Function<String, String> row, SkuCodeTable codes, InputLimits limits, Instant now) {
        String sku = sku(store, required(row, "sku"), codes);
        long onHand = wholeNumber(row, "on_hand");
        if (onHand < 0) {
            throw new PayloadException("on_hand", "must be 0 or more, got " + onHand);
        }
        limits.quantity("on_hand", onHand);
        // a count dated ahead would stand over every real count until its date
        return new StockSnapshot(
                StockSnapshot.SCHEMA,
                sku,
                store.location(),
                onHand,
                store.instanceId(),
                limits.notInFuture("counted_at", localTime(store, row, "counted_at"), now));
    }

    /** The idempotency key of a count: the same store, SKU and count time is the same count. */
    public static String countKey(Store store, StockSnapshot s) {
        return store.instanceId() + ":" + store.storeCode() + ":count:" + s.sku() + ":" + s.countedAt();
    }

    public static MemberEvent member(Store store, Function<String, String> row, InputLimits limits, Instant now) {
        String card = required(row, "member_card");
        List<Identifier> ids = new ArrayList<>();
        ids.add(new Identifier(Identifier.Type.MEMBER_CARD, card, store.instanceId()));
        String phone = optional(row, "phone");
        if (phone != null) {
            ids.add(Identifier.of(Identifier.Type.PHONE, "+86" + phone(phone, "phone")));
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        String name = optional(row, "name");
        if (name != null) {
            attributes.put("name", name);
        }
        String gender = gender(optional(row, "gender"));
        if (gender != null) {
            attributes.put("gender", gender);
        }
        String birthday = optional(row, "birthday");
        if (birthday != null) {
            try {
                attributes.put("birthday", LocalDate.parse(birthday, DAY).toString());
            } catch (DateTimeParseException e) {
                throw new PayloadException("birthday", "must be a date like 1990-05-17, got '" + birthday + "'");
            }
        }
        attributes.put("registeredStore", store.location());
        Instant registered = limits.notInFuture("registered_at", localTime(store, row, "registered_at"), now);
        // the same row again is the same event; a changed row (new phone, corrected name) is a new one
        String id = store.instanceId() + ":" + card + ":" + digest(ids + "|" + attributes + "|" + registered);
        return new MemberEvent(
                MemberEvent.SCHEMA, id, MemberEvent.Kind.REGISTERED, store.instanceId(), ids, attributes, registered);
    }

    private static String sku(Store store, String posSku, SkuCodeTable codes) {
        return codes.skuFor(store.instanceId(), posSku)
                .or(() -> codes.isHubSku(posSku) ? Optional.of(posSku) : Optional.empty())
                .orElseThrow(() -> new PayloadException("sku", "unknown SKU '" + posSku + "'"));
    }

    private static String gender(String g) {
        if (g == null) {
            return null;
        }
        switch (g.toLowerCase(Locale.ROOT)) {
            case "m", "male", "男", "1":
                return "M";
            case "f", "female", "女", "2":
                return "F";
            case "u", "0", "未知":
                return null;
            default:
                throw new PayloadException("gender", "must be M, F, 男 or 女 (or empty), got '" + g + "'");
        }
    }

    private static String phone(String phone, String column) {
        try {
            return Phones.mainlandMobile(phone);
        } catch (IllegalArgumentException e) {
            throw new PayloadException(column, e.getMessage() + ": '" + Phones.mask(phone) + "'");
        }
    }

    private static Instant localTime(Store store, Function<String, String> row, String column) {
        String v = required(row, column);
        try {
            return LocalDateTime.parse(v, LOCAL_TIME).atZone(store.zone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new PayloadException(column, "must be a store-local time like 2026-11-22 10:15:00, got '" + v + "'");
        }
    }

    private static long wholeNumber(Function<String, String> row, String column) {
        String v = required(row, column);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            if (v.matches("[+-]?[0-9]+")) { // digits that do not fit a long: say so rather than "not a number"
                throw new PayloadException(column, "is far too large, got '" + v + "'");
            }
            throw new PayloadException(column, "must be a whole number, got '" + v + "'");
        }
    }

    private static long yuan(Function<String, String> row, String column) {
        String v = required(row, column);
        try {
            return Money.yuanToFen(v);
        } catch (IllegalArgumentException e) {
            throw new PayloadException(
                    column, "must be a yuan amount with at most two decimals like 99.00, got '" + v + "'");
        }
    }

    private static String required(Function<String, String> row, String column) {
        String v = optional(row, column);
        if (v == null) {
            throw new PayloadException(column, "is required");
        }
        return v;
    }

    private static String optional(Function<String, String> row, String column) {
        String v = row.apply(column);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
