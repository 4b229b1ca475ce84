/**
 * The embedded Artemis broker of the default run: where its journal lives, the gateway's queues
 * and their redelivery rules, the loopback listener for partners' clients, and who may use which
 * address (the gateway itself as an internal user; in the demo, each directory partner on its own
 * addresses only), and the gateway's own connections, embedded or external, which deserialize no
 * class. Spring Boot's Artemis auto-configuration runs the broker; this package shapes it.
 */
package org.mashgateway.broker;
