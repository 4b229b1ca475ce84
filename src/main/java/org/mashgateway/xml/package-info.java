/**
 * The gateway's one XML reader and validator: hardened parsing (no DTDs, no external entities,
 * size and depth limits), schema validation against {@code schemas/}, the rules XSD 1.0 cannot
 * say (NHS check digit, Kind-dependent elements, Rationale), error messages that name elements
 * and rules but never quote values, and the canonical form that decides "same document resent".
 *
 * <p>Entry point: {@link org.mashgateway.xml.XmlDocuments}.
 */
package org.mashgateway.xml;
