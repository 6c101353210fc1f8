package io.omnihub.hub.security;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/** What the caller of the current request may see. */
@Component
public class Callers {

    private final HubSecurityProperties security;

    public Callers(HubSecurityProperties security) {
        this.security = security;
    }

    /** Full phone numbers: an operator's, or everyone's where logins are off (the local default). */
    public boolean seesFullPhones() {
        return !security.isEnabled()
                || HubRoles.isOperator(SecurityContextHolder.getContext().getAuthentication());
    }

    /** An API answer's body, phones masked for anyone but an operator. */
    public String write(Object body) {
        return PhoneMasking.write(body, seesFullPhones());
    }
}
