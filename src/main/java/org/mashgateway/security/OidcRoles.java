package org.mashgateway.security;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.mashgateway.config.AdminUsersProperties;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;

/**
 * Turns what an identity provider says about a person into console roles: the values of the
 * configured roles claim that {@code mash.admin.oidc.role-mapping} maps to OPERATOR, ADMIN or
 * AUDITOR. Only a configured mapping grants a role: a claim value that merely reads "admin" is
 * nothing, since whoever runs the provider (or a group anyone may create there) could send it. A
 * person with no mapped value gets no role and so reaches no console page. Nothing else the
 * provider grants (scopes, OIDC_USER) is kept.
 */
final class OidcRoles implements GrantedAuthoritiesMapper {

    static final Set<String> CONSOLE_ROLES = Set.of("OPERATOR", "ADMIN", "AUDITOR");

    private final String claim;
    private final Map<String, String> mapping;

    OidcRoles(AdminUsersProperties.Oidc properties) {
        this.claim = properties.rolesClaim();
        this.mapping = properties.roleMapping();
        for (Map.Entry<String, String> entry : mapping.entrySet()) {
            if (!CONSOLE_ROLES.contains(entry.getValue())) {
                throw new IllegalArgumentException("mash.admin.oidc.role-mapping values must be one of " + CONSOLE_ROLES);
            }
        }
    }

    @Override
    public Collection<? extends GrantedAuthority> mapAuthorities(Collection<? extends GrantedAuthority> authorities) {
        Set<GrantedAuthority> roles = new LinkedHashSet<>();
        for (GrantedAuthority authority : authorities) {
            if (authority instanceof OidcUserAuthority oidc) {
                addRoles(roles, oidc.getIdToken().getClaims().get(claim));
                if (oidc.getUserInfo() != null) {
                    addRoles(roles, oidc.getUserInfo().getClaims().get(claim));
                }
            } else if (authority instanceof OAuth2UserAuthority user) {
                addRoles(roles, user.getAttributes().get(claim));
            }
        }
        return roles;
    }

    private void addRoles(Set<GrantedAuthority> roles, Object claimValue) {
        if (claimValue instanceof Collection<?> values) {
            values.forEach(value -> addRole(roles, String.valueOf(value)));
        } else if (claimValue instanceof String text) {
            for (String value : text.split("[\\s,]+")) {
                addRole(roles, value);
            }
        }
    }

    private void addRole(Set<GrantedAuthority> roles, String value) {
        String role = mapping.get(value);
        if (role != null) {
            roles.add(new SimpleGrantedAuthority("ROLE_" + role));
        }
    }
}
