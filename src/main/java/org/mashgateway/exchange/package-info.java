/**
 * The information exchange coming back from partner agencies: InformationResponse intake (HTTPS,
 * queue, signed mail), its correlation with the request the gateway sent, the sharing decisions it
 * records, and the casework output to the MASH case system on {@code mash.out.casework} (with
 * confidential information reduced to a marker), sent from an outbox so nothing accepted is lost.
 */
package org.mashgateway.exchange;
