package io.omnihub.hub.identity;

import io.omnihub.mappings.identity.Survivorship;
import io.omnihub.mappings.model.Customer;
import java.util.List;
import java.util.function.Function;

/**
 * A golden record as {@code hub.customers} and the API show it: the golden customer's whole cluster
 * of identifiers and the attributes that survive by source trust and recency, with provenance.
 */
final class GoldenRecords {

    private final Survivorship survivorship;
    private final Function<String, String> sourceType;

    GoldenRecords(Survivorship survivorship, Function<String, String> sourceType) {
        this.survivorship = survivorship;
        this.sourceType = sourceType;
    }

    /** The golden record of {@code id}, or null when the graph has no such record. */
    Customer of(IdentityTables t, String id, Customer.Change change, List<String> merged) {
        return t.record(id)
                .map(r -> new Customer(
                        Customer.SCHEMA,
                        id,
                        t.identifiersOf(id),
                        survivorship.golden(t.observations(id, sourceType)),
                        r.createdAt,
                        r.updatedAt,
                        change,
                        merged))
                .orElse(null);
    }
}
