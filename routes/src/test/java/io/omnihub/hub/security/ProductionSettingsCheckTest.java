package io.omnihub.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class ProductionSettingsCheckTest {

    static final String HASH = "{bcrypt}$2a$04$J07aY.D4d/K79gKFjk0c1usjB.cyxYv6yFJCZiOSg1rBtMESXV0zO";

    private static void check(Map<String, Object> settings) {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new OriginTrackedMapPropertySource("test", settings));
        new ProductionSettingsCheck().postProcessEnvironment(env, new SpringApplication());
    }

    private static Map<String, Object> secured() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("hub.security.enabled", "true");
        s.put("hub.security.users.alice.password-hash", HASH);
        s.put("hub.security.users.alice.roles", "operator");
        return s;
    }

    @Test
    void realSecretsAndABcryptUserStart() {
        Map<String, Object> s = secured();
        s.put("hub.channels.acme.type", "partner");
        s.put("hub.channels.acme.credentials.app-secret", "9f2c5a7e0d4b1c8e");
        check(s);
    }

    @Test
    void withLoginsOffNothingIsChecked() {
        check(Map.of("hub.channels.acme.type", "partner"));
    }

    @Test
    void sandboxUnsetAndUnresolvedSecretsAreNamedWithTheirVariable() {
        Map<String, Object> s = secured();
        s.put("hub.channels.partner-acme.type", "partner");
        s.put("hub.channels.partner-acme.credentials.app-secret", "${PARTNER_ACME_SECRET:sandbox-partner-secret}");
        s.put("hub.channels.jd-official.type", "jd");
        s.put("hub.channels.jd-official.credentials.app-secret", "${JD_OFFICIAL_APP_SECRET}");
        s.put("hub.channels.pos-east.type", "pos-ftp");
        s.put("hub.channels.pos-east.credentials.password", "${POS_EAST_FTP_PASSWORD:pos}");
        s.put("hub.channels.old-shop.type", "jd");
        s.put("hub.channels.old-shop.enabled", "false");
        assertThatThrownBy(() -> check(s))
                .isInstanceOf(ProductionSettingsException.class)
                .satisfies(e -> assertThat(((ProductionSettingsException) e).problems())
                        .containsExactly(
                                "hub.channels.jd-official.credentials.app-secret is left unresolved (${JD_OFFICIAL_APP_SECRET}):"
                                        + " set JD_OFFICIAL_APP_SECRET",
                                "hub.channels.jd-official.credentials.access-token is not set:"
                                        + " set HUB_CHANNELS_JDOFFICIAL_CREDENTIALS_ACCESSTOKEN",
                                "hub.channels.partner-acme.credentials.app-secret is the sandbox's shipped value:"
                                        + " set PARTNER_ACME_SECRET",
                                "hub.channels.pos-east.credentials.password is the sandbox's shipped value:"
                                        + " set POS_EAST_FTP_PASSWORD"));
    }

    @Test
    void noUserAPlainPasswordOrAnUnknownRoleIsRefused() {
        assertThatThrownBy(() -> check(Map.of("hub.security.enabled", "true")))
                .hasMessageContaining("hub.security.users has no user to log in with");
        Map<String, Object> s = secured();
        s.put("hub.security.users.bob.password-hash", "{noop}secret");
        s.put("hub.security.users.bob.roles", "admin");
        assertThatThrownBy(() -> check(s))
                .isInstanceOf(ProductionSettingsException.class)
                .satisfies(e -> assertThat(((ProductionSettingsException) e).problems())
                        .containsExactly(
                                "hub.security.users.bob.password-hash is not a bcrypt hash ({bcrypt}$2a$...):"
                                        + " set HUB_SECURITY_USERS_BOB_PASSWORDHASH",
                                "hub.security.users.bob.roles must be viewer and/or operator, not [admin]:"
                                        + " set HUB_SECURITY_USERS_BOB_ROLES"));
    }

    @Test
    void anOidcIssuerStandsInForUsers() {
        check(Map.of(
                "hub.security.enabled",
                "true",
                "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                "https://login.example.com/realms/shop"));
    }
}
