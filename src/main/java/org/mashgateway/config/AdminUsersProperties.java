package org.mashgateway.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Console users from configuration, with hashed passwords only. The demo profile defines
 * operator, admin and auditor; production defines none (an identity provider is expected).
 */
@Validated
@ConfigurationProperties("mash.admin")
public record AdminUsersProperties(@Valid List<User> users) {

    public AdminUsersProperties {
        users = users == null ? List.of() : List.copyOf(users);
    }

    /** A console user: a password hash in Spring's {id}hash form, and roles (OPERATOR, ADMIN, AUDITOR). */
    public record User(@NotBlank String username, @NotBlank String passwordHash, @NotEmpty List<String> roles) {}
}
