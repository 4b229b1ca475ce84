package org.mashgateway.broker;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Makes the gateway's broker connections refuse to deserialize any class, with the embedded broker
 * and an external one alike. No gateway code reads an ObjectMessage (the queue intake refuses one
 * unread); this is the second wall, should a library ever call {@code getObject()} on a partner's
 * message (as Camel's JMS binding did: CVE-2026-40860, CVE-2026-43866).
 */
final class ObjectMessageDenial implements BeanPostProcessor {

    /** Artemis's deny-list wildcard: every class, refused before any of its code runs. */
    private static final String EVERY_CLASS = "*";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        // The deny list is checked before the allow list (empty by default): "*" refuses all.
        ArtemisConnectionFactories.behind(bean).ifPresent(factory -> factory.setDeserializationDenyList(EVERY_CLASS));
        return bean;
    }
}
