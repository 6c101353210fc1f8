package io.omnihub.connectors.wecom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.omnihub.connectors.wecom.WeComCrypto.WeComException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Against WeCom's published sample (the Sample of its WXBizMsgCrypt library: token
 * hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo, EncodingAESKey 6qkdMrq6...RToqhUt, corp id ww1436e0e65a779aee).
 */
class WeComCryptoTest {

    static final WeComCrypto SAMPLE = new WeComCrypto(
            "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo", "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt", "ww1436e0e65a779aee");

    static final String ECHO =
            "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==";
    static final String ENCRYPTED =
            "Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAg"
                    + "GzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh0"
                    + "10wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGx"
                    + "QDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+";

    @Test
    void verifiesThePublishedUrlVerificationSample() {
        assertThat(SAMPLE.verifyUrl("012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb", "1476416373", "47744683", ECHO))
                .isEqualTo("1288432023552776189");
    }

    @Test
    void opensThePublishedMessageSample() {
        String xml = SAMPLE.open("0c3914025cb4b4d68103f6bfc8db550f79dcf48e", "1476422779", "1597212914", ENCRYPTED);
        assertThat(xml)
                .startsWith("<xml><ToUserName>ww1436e0e65a779aee</ToUserName>")
                .contains("<Content>你好</Content>")
                .endsWith("</xml>");
    }

    @Test
    void refusesAWrongSignatureAndAnotherCorpsMessage() {
        assertThatThrownBy(() ->
                        SAMPLE.verifyUrl("012bc692d0a58dd4b10f8dfe5c4ac00ae211ebec", "1476416373", "47744683", ECHO))
                .isInstanceOf(WeComException.class)
                .hasMessageContaining("msg_signature");
        WeComCrypto otherCorp = new WeComCrypto(
                "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo",
                "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt",
                "ww0000000000000000");
        assertThatThrownBy(() ->
                        otherCorp.verifyUrl("012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb", "1476416373", "47744683", ECHO))
                .isInstanceOf(WeComException.class)
                .hasMessageContaining("ww1436e0e65a779aee");
    }

    @Test
    void padsTo32ByteBlocksIncludingAWholeBlockOfPadding() {
        byte[] random = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        for (int len = 0; len < 70; len++) {
            String message = "x".repeat(len);
            String encrypted = SAMPLE.encrypt(message, random);
            assertThat(java.util.Base64.getDecoder().decode(encrypted).length % 32)
                    .isZero();
            assertThat(SAMPLE.decrypt(encrypted)).isEqualTo(new WeComCrypto.Decrypted(message, "ww1436e0e65a779aee"));
        }
        // 16 + 4 + 26 + 18 (corp id) = 64 bytes, a multiple of 32: a whole 32-byte block of padding follows
        String exact = SAMPLE.encrypt("y".repeat(26), random);
        assertThat(java.util.Base64.getDecoder().decode(exact).length).isEqualTo(64 + 32);
    }
}
