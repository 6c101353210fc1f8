package io.omnihub.channels.douyin;

/** One Douyin shop's app key, secret and shop access token. {@link #toString()} hides the secrets. */
public record DoudianCredentials(String appKey, String appSecret, String accessToken) {

    @Override
    public String toString() {
        return "DoudianCredentials[appKey=" + appKey + ", appSecret=***, accessToken=***]";
    }
}
