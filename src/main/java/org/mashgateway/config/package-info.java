/** Typed configuration of the gateway ({@code mash.*}), the clock, and wiring shared by every feature. */
package org.mashgateway.config;
