package org.mashgateway.delivery;

/**
 * The Camel route every delivery attempt runs through ({@code routes/delivery.camel.yaml}), so that
 * the console shows the deliveries, their failures and their state, and an admin can pause them on
 * every node.
 */
interface DeliveryRoute {

    String ID = "delivery";

    /** Whether deliveries may be claimed: false while the route is paused (or not yet started). */
    boolean running();

    /**
     * Runs one attempt at a claimed delivery through the route; false when the route did not take
     * it (paused in between), so that the claim can be given back at once.
     */
    boolean attempt(long deliveryId);
}
