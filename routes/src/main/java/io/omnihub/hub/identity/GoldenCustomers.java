package io.omnihub.hub.identity;

/** Which golden customer a customer record belongs to now, for readers of records kept elsewhere (an order's). */
@FunctionalInterface
public interface GoldenCustomers {

    /** The golden customer of {@code customerId} (itself when it is one, or unknown). */
    String golden(String customerId);
}
