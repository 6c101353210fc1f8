package io.omnihub.hub.security;

import java.util.Collection;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * The hub's two roles. A viewer reads (GET on /api, the actuator, Hawtio's views); an operator
 * also writes: API changes, replays, merge undo, erasure, and Jolokia writes and operations such
 * as stopping or starting a route from Hawtio.
 */
public final class HubRoles {

    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final Set<String> ALL = Set.of(VIEWER, OPERATOR);

    private HubRoles() {}

    /** As Spring Security grants it: ROLE_operator. */
    public static String authority(String role) {
        return "ROLE_" + role;
    }

    public static boolean isOperator(Authentication auth) {
        return auth != null && auth.isAuthenticated() && has(auth.getAuthorities(), OPERATOR);
    }

    private static boolean has(Collection<? extends GrantedAuthority> authorities, String role) {
        String wanted = authority(role);
        return authorities.stream().anyMatch(a -> wanted.equals(a.getAuthority()));
    }
}
