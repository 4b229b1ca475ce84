package org.mashgateway.xml;

/**
 * One problem found in a document, for the sender to fix: where it is and which rule it breaks.
 * {@code element} is a path such as {@code /DomesticAbuseNotification/Victim[2]/Name/Given}
 * (empty when the problem is not inside an element); {@code line} and {@code column} are 0 when
 * unknown. The message never quotes a value from the document.
 */
public record XmlError(int line, int column, String element, String message) {
}
