/**
 * S/MIME protection of everything the gateway sends and checking of everything it receives by mail:
 * sign (SHA-256 with RSA, ESS security label) then encrypt (AES-256-GCM AuthEnvelopedData, or
 * AES-256-CBC EnvelopedData for recipients that cannot read GCM, RSA-OAEP key transport), and the
 * mirror image for inbound mail. Everything is behind {@link org.mashgateway.protection.MessageProtection};
 * the Bouncy Castle classes do not leak out of this package.
 */
package org.mashgateway.protection;
