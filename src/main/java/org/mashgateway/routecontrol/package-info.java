/**
 * Which Camel routes run, for the whole cluster: an admin's pause is kept in the database
 * ({@code route_pause}) and every node follows it, at start and within
 * {@code mash.routes.pause-check-interval} after, so pausing a route on one node's console pauses
 * it on every node until an admin resumes it.
 */
package org.mashgateway.routecontrol;
