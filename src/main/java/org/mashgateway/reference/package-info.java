/**
 * Gateway references: the opaque, unguessable {@code MGW-…} identifiers the gateway gives every
 * message it handles (messages.md §8). A reference carries no sequence, police id, name, date of
 * birth or time; the mapping to the original ids lives only in the gateway's store.
 */
package org.mashgateway.reference;
