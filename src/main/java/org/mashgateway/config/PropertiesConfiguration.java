package org.mashgateway.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the typed {@code mash.*} configuration records once, at start. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({IngressProperties.class, AdminUsersProperties.class})
class PropertiesConfiguration {}
