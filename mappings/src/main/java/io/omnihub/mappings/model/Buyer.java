package io.omnihub.mappings.model;

/**
 * Who bought, as the channel tells it. {@code platformBuyerId} is scoped by the channel
 * (Taobao buyer open id, JD pin, Douyin open id). {@code phoneHint} holds a masked phone
 * ("138****5678"): a hint for people, never an identifier.
 */
public record Buyer(
        String platformBuyerId,
        String nick,
        String name,
        String phone,
        String phoneHint,
        String email,
        String memberCard,
        String unionId) {

    public static Buyer ofPlatformId(String platformBuyerId, String nick, String phoneHint) {
        return new Buyer(platformBuyerId, nick, null, null, phoneHint, null, null, null);
    }
}
