package io.omnihub.hub.wecom;

import io.omnihub.channel.ChannelInstance;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A WeCom corp's callback settings, as its admin console issues them: the Token, the
 * EncodingAESKey (43 characters of Base64, the AES-256 key without its padding) and the corp id the
 * messages are addressed to ({@code credentials.receive-id}). Checked at start: with any of them
 * wrong, every callback would be refused.
 */
public record WeComSettings(String token, String encodingAesKey, String receiveId) {

    public static List<String> problems(String id, ChannelInstance c) {
        List<String> problems = new ArrayList<>();
        String key = "hub.channels." + id + ".credentials.";
        ChannelInstance.Credentials cred = c.getCredentials();
        if (blank(cred.getCallbackToken())) {
            problems.add(key + "callback-token is not set: the Token of the corp's callback settings");
        }
        String aes = cred.getEncodingAesKey();
        if (blank(aes)) {
            problems.add(key + "encoding-aes-key is not set: the EncodingAESKey of the corp's callback settings");
        } else if (!isAesKey(aes)) {
            problems.add(key + "encoding-aes-key is not 43 characters of Base64 (an AES-256 key without its '=')");
        }
        if (blank(cred.getReceiveId())) {
            problems.add(key + "receive-id is not set: the corp id (CorpID) the callbacks are addressed to");
        }
        return problems;
    }

    /** The settings of an instance whose {@link #problems} were none (checked at start). */
    public static WeComSettings of(ChannelInstance c) {
        ChannelInstance.Credentials cred = c.getCredentials();
        return new WeComSettings(cred.getCallbackToken(), cred.getEncodingAesKey(), cred.getReceiveId());
    }

    private static boolean isAesKey(String aes) {
        if (aes.length() != 43) {
            return false;
        }
        try {
            return Base64.getDecoder().decode(aes + "=").length == 32;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
