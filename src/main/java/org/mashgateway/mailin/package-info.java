/**
 * The gateway's inbound mailbox: polls it over IMAP (TLS, or plain in the demo only), opens each
 * S/MIME mail (decrypt with the gateway's key, verify the signer against the trust anchors and the
 * directory's agencies), and hands the attached document to the intake for its type. Anything
 * unsigned, from an unknown signer, tampered with or refused is quarantined with a reason code and
 * never processed. A mail too large, or one whose processing failed too often, is set aside unread;
 * a flood of refused mail raises one alert per reason and keeps a bounded number of copies.
 */
package org.mashgateway.mailin;
