package io.omnihub.hub.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code hub.security.*}: whether logins are required (on in the prod profile) and who may log in.
 * A user's password is kept only as a bcrypt hash; its roles are {@value HubRoles#VIEWER} and/or
 * {@value HubRoles#OPERATOR}.
 */
@ConfigurationProperties("hub.security")
public class HubSecurityProperties {

    /** Off, the hub answers everyone: the embedded default, bound to 127.0.0.1. */
    private boolean enabled;
    /** Users by login name. */
    private Map<String, User> users = new LinkedHashMap<>();

    public static class User {
        /** {@code {bcrypt}$2a$10$...}; a bare {@code $2a$}/{@code $2b$}/{@code $2y$} hash is taken as bcrypt too. */
        private String passwordHash;

        private List<String> roles = new ArrayList<>();

        public String getPasswordHash() {
            return passwordHash;
        }

        public void setPasswordHash(String passwordHash) {
            this.passwordHash = passwordHash;
        }

        public List<String> getRoles() {
            return roles;
        }

        public void setRoles(List<String> roles) {
            this.roles = roles;
        }

        @Override
        public String toString() {
            return "User[roles=" + roles + ", passwordHash=***]";
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Map<String, User> getUsers() {
        return users;
    }

    public void setUsers(Map<String, User> users) {
        this.users = users;
    }
}
