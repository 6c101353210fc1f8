package io.omnihub.mappings.model;

/**
 * One identifier of a person. {@code scope} narrows identifiers that are only unique within
 * something: a member card within its program, an openid within its app, a platform buyer id
 * within its platform. Empty scope for globally unique ones (phone, email, unionid).
 */
public record Identifier(Type type, String value, String scope) {

    public enum Type {
        PHONE,
        EMAIL,
        MEMBER_CARD,
        UNION_ID,
        OPEN_ID,
        WECOM_EXTERNAL_ID,
        PLATFORM_BUYER_ID,
        PARTNER_MEMBER_ID
    }

    public static Identifier of(Type type, String value) {
        return new Identifier(type, value, "");
    }
}
