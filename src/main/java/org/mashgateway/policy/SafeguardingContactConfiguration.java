package org.mashgateway.policy;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Reads the safeguarding contact that every school notification names from {@code mash.sdat.contact.*}. */
@Configuration(proxyBeanMethods = false)
class SafeguardingContactConfiguration {

    @Bean
    SafeguardingContact safeguardingContact(
            @Value("${mash.sdat.contact.team:}") String team,
            @Value("${mash.sdat.contact.phone:}") String phone,
            @Value("${mash.sdat.contact.email:}") String email,
            @Value("${mash.sdat.contact.procedures-url:}") String proceduresUrl) {
        // empty defaults so that a missing key reaches the record's check, which names the key
        return new SafeguardingContact(team, phone, email, proceduresUrl);
    }
}
