/**
 * Message bodies at rest: each encrypted with its own AES-256-GCM data key, the data key kept only
 * wrapped by a master key from a {@link org.mashgateway.store.MasterKeySource}, so destroying the
 * wrapped key destroys the body (crypto-shredding) when the retention period ends. See
 * docs/message-store.md.
 */
package org.mashgateway.store;
