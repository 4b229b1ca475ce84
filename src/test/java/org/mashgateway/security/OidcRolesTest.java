package org.mashgateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mashgateway.config.AdminUsersProperties;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.oauth2.core.user.OAuth2UserAuthority;

/** What an identity provider says about a person becomes console roles through the configured claim, and nothing else does. */
class OidcRolesTest {

    private static final Instant ISSUED = Instant.parse("2026-11-22T04:00:00Z");

    @Test
    void values_of_the_configured_claim_are_mapped_to_console_roles() {
        OidcRoles roles = new OidcRoles(new AdminUsersProperties.Oidc("groups",
                Map.of("mash-auditors", "AUDITOR", "mash-admins", "ADMIN", "mash-operators", "OPERATOR")));

        assertThat(names(roles.mapAuthorities(List.of(idToken(Map.of("groups", List.of("mash-auditors", "finance")))))))
                .containsExactly("ROLE_AUDITOR");
        assertThat(names(roles.mapAuthorities(List.of(idToken(Map.of("groups", "mash-admins, mash-operators"))))))
                .containsExactlyInAnyOrder("ROLE_ADMIN", "ROLE_OPERATOR");
    }

    @Test
    void a_claim_value_that_merely_names_a_role_grants_nothing_unless_mapped() {
        OidcRoles unmapped = new OidcRoles(new AdminUsersProperties.Oidc(null, null));
        OidcRoles mapped = new OidcRoles(new AdminUsersProperties.Oidc("groups", Map.of("mash-admins", "ADMIN")));

        assertThat(unmapped.mapAuthorities(List.of(idToken(Map.of("roles", List.of("admin", "ADMIN", "Auditor"))))))
                .isEmpty();
        assertThat(mapped.mapAuthorities(List.of(idToken(Map.of("groups", List.of("admin", "operator")))))).isEmpty();
    }

    @Test
    void a_person_without_a_mapped_value_gets_no_role_and_nothing_the_provider_granted_is_kept() {
        OidcRoles roles = new OidcRoles(new AdminUsersProperties.Oidc("groups", Map.of("mash-admins", "ADMIN")));

        Collection<? extends GrantedAuthority> mapped = roles.mapAuthorities(List.of(
                idToken(Map.of("groups", List.of("everyone"), "roles", List.of("ADMIN"))),
                new SimpleGrantedAuthority("SCOPE_openid"),
                new SimpleGrantedAuthority("ROLE_ADMIN")));

        assertThat(mapped).isEmpty();
    }

    @Test
    void the_claim_is_read_from_user_info_and_from_plain_oauth2_attributes() {
        OidcRoles roles = new OidcRoles(new AdminUsersProperties.Oidc("groups",
                Map.of("duty-operators", "OPERATOR", "ig", "AUDITOR")));
        OidcIdToken token = new OidcIdToken("t", ISSUED, ISSUED.plusSeconds(300), Map.of("sub", "p-1"));
        OidcUserInfo userInfo = new OidcUserInfo(Map.of("sub", "p-1", "groups", List.of("duty-operators")));

        assertThat(names(roles.mapAuthorities(List.of(new OidcUserAuthority(token, userInfo))))).containsExactly("ROLE_OPERATOR");
        assertThat(names(roles.mapAuthorities(List.of(new OAuth2UserAuthority(Map.of("id", "p-2", "groups", "ig"))))))
                .containsExactly("ROLE_AUDITOR");
    }

    @Test
    void a_mapping_to_anything_but_a_console_role_is_refused_at_start() {
        assertThatThrownBy(() -> new OidcRoles(new AdminUsersProperties.Oidc("groups", Map.of("mash-admins", "ROOT"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("role-mapping");
    }

    private static OidcUserAuthority idToken(Map<String, Object> claims) {
        Map<String, Object> all = new HashMap<>(claims);
        all.put("sub", "person-1");
        return new OidcUserAuthority(new OidcIdToken("token", ISSUED, ISSUED.plusSeconds(300), all));
    }

    private static List<String> names(Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority).toList();
    }
}
