package io.omnihub.channels.jd;

/** One JD shop's app key, secret and seller access token. {@link #toString()} hides the secrets. */
public record JosCredentials(String appKey, String appSecret, String accessToken) {

    @Override
    public String toString() {
        return "JosCredentials[appKey=" + appKey + ", appSecret=***, accessToken=***]";
    }
}
