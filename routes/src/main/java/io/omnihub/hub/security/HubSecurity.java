package io.omnihub.hub.security;

import static org.springframework.security.config.Customizer.withDefaults;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Who may call what. Off ({@code hub.security.enabled=false}, the embedded default on 127.0.0.1)
 * everyone may. On (the prod profile): webhooks keep only their own signature checks; health,
 * liveness and readiness stay open for orchestrators; everything else under {@code /api},
 * {@code /actuator}, Hawtio and Jolokia needs a login, HTTP Basic (or an OIDC bearer token where
 * an issuer is configured) for the API and a login form for Hawtio in a browser. Reads need the
 * viewer or operator role, writes the operator role (see {@link HubRoles}).
 */
@Configuration
@EnableWebSecurity
@EnableConfigurationProperties(HubSecurityProperties.class)
public class HubSecurity {

    public static final String REALM = "omnihub";
    private static final String HAWTIO = "/actuator/hawtio";
    private static final String JOLOKIA = "/actuator/jolokia";

    /** The embedded default: no login, no CSRF tokens (nothing to forge with no login). */
    @Bean
    @ConditionalOnProperty(name = "hub.security.enabled", havingValue = "false", matchIfMissing = true)
    SecurityFilterChain openToAll(HttpSecurity http) throws Exception {
        return http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .build();
    }

    /** The API and webhooks: stateless, no CSRF (nothing rides on a browser session here). */
    @Bean
    @Order(1)
    @ConditionalOnProperty(name = "hub.security.enabled", havingValue = "true")
    SecurityFilterChain api(HttpSecurity http, ObjectProvider<JwtDecoder> oidc) throws Exception {
        http.securityMatcher("/api/**", "/webhooks/**", "/openapi/**")
                .authorizeHttpRequests(a -> a.requestMatchers("/webhooks/**", "/openapi/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/**")
                        .hasAnyRole(HubRoles.VIEWER, HubRoles.OPERATOR)
                        .requestMatchers(HttpMethod.HEAD, "/api/**")
                        .hasAnyRole(HubRoles.VIEWER, HubRoles.OPERATOR)
                        .anyRequest()
                        .hasRole(HubRoles.OPERATOR))
                .httpBasic(b -> b.authenticationEntryPoint(basic()))
                .exceptionHandling(e -> e.authenticationEntryPoint(basic()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(c -> c.disable())
                .csrf(c -> c.disable());
        bearerTokens(http, oidc);
        return http.build();
    }

    /**
     * The actuator, Hawtio and Jolokia. Hawtio runs in a browser on a session, so its writes carry
     * the XSRF-TOKEN cookie's value in X-XSRF-TOKEN, as Hawtio's front end sends it.
     */
    @Bean
    @Order(2)
    @ConditionalOnProperty(name = "hub.security.enabled", havingValue = "true")
    SecurityFilterChain console(HttpSecurity http, ObjectProvider<JwtDecoder> oidc) throws Exception {
        http.authorizeHttpRequests(a -> a.requestMatchers(
                                HttpMethod.GET,
                                "/actuator/health",
                                "/actuator/health/liveness",
                                "/actuator/health/readiness")
                        .permitAll()
                        .requestMatchers("/login", "/error")
                        .permitAll()
                        // the rest of the actuator, Hawtio and Jolokia (writes: JolokiaOperatorGuard)
                        .anyRequest()
                        .hasAnyRole(HubRoles.VIEWER, HubRoles.OPERATOR))
                .formLogin(f -> f.defaultSuccessUrl(HAWTIO + "/", false))
                .httpBasic(b -> b.authenticationEntryPoint(basic()))
                .logout(l -> l.logoutSuccessUrl("/login?logout"))
                .exceptionHandling(HubSecurity::browserOrBasic)
                .csrf(c -> c.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        // the raw token, as Hawtio reads it from the cookie
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()))
                .addFilterAfter(new CsrfCookie(), AuthorizationFilter.class)
                .addFilterAfter(new JolokiaOperatorGuard(JOLOKIA), AuthorizationFilter.class);
        bearerTokens(http, oidc);
        return http.build();
    }

    /** Users and bcrypt hashes from hub.security.users (checked at start by {@link ProductionSettingsCheck}). */
    @Bean
    @ConditionalOnProperty(name = "hub.security.enabled", havingValue = "true")
    UserDetailsService hubUsers(HubSecurityProperties properties) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        properties
                .getUsers()
                .forEach((name, u) -> users.createUser(User.withUsername(name)
                        .password(ProductionSettingsCheck.bcrypt(u.getPasswordHash()))
                        .roles(u.getRoles().toArray(String[]::new))
                        .build()));
        return users;
    }

    /**
     * OIDC where spring.security.oauth2.resourceserver.jwt.issuer-uri is set: the token's roles
     * claim (spring.security.oauth2.resourceserver.jwt.authorities-claim-name, with
     * authority-prefix ROLE_) carries viewer or operator.
     */
    private static void bearerTokens(HttpSecurity http, ObjectProvider<JwtDecoder> oidc) throws Exception {
        if (oidc.getIfAvailable() != null) {
            http.oauth2ResourceServer(o -> o.jwt(withDefaults()));
        }
    }

    private static BasicAuthenticationEntryPoint basic() {
        BasicAuthenticationEntryPoint basic = new BasicAuthenticationEntryPoint();
        basic.setRealmName(REALM);
        return basic;
    }

    /**
     * A person opening Hawtio gets the login form, a program 401 and a Basic challenge. Set as
     * defaults, not as the entry point, so that Spring Security still serves its login page.
     */
    private static void browserOrBasic(ExceptionHandlingConfigurer<HttpSecurity> e) {
        RequestMatcher hawtioPage = r -> pathOf(r).startsWith(HAWTIO)
                && String.valueOf(r.getHeader("Accept")).contains("text/html");
        e.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), hawtioPage)
                .defaultAuthenticationEntryPointFor(basic(), AnyRequestMatcher.INSTANCE);
    }

    private static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    /** Spring Security writes the token cookie only once the token is read: read it on every answer. */
    private static final class CsrfCookie extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(
                HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response, FilterChain chain)
                throws jakarta.servlet.ServletException, java.io.IOException {
            CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
            if (token != null) {
                token.getToken();
            }
            chain.doFilter(request, response);
        }
    }
}
