package org.mashgateway.console;

import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * Lets the console's actions say who may take them ({@code @PreAuthorize("hasRole('ADMIN')")}) next
 * to the action itself, rather than in a URL list kept elsewhere. The role hierarchy bean (ADMIN
 * and AUDITOR above OPERATOR) applies here as it does to URLs.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class ConsoleMethodSecurity {}
