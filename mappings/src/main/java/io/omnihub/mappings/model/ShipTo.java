package io.omnihub.mappings.model;

/** Delivery address. {@code phoneHint} is masked where the platform masks it. */
public record ShipTo(
        String name, String phoneHint, String province, String city, String district, String address, String zip) {}
