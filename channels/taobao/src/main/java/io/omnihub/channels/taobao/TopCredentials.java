package io.omnihub.channels.taobao;

/** One shop's TOP app key, secret and seller session key. {@link #toString()} hides the secrets. */
public record TopCredentials(String appKey, String appSecret, String session) {

    @Override
    public String toString() {
        return "TopCredentials[appKey=" + appKey + ", appSecret=***, session=***]";
    }
}
