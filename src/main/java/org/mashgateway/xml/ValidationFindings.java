package org.mashgateway.xml;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * Collects the problems found in one document and words them for the sender.
 *
 * <p>The schema validator's own messages quote the offending value ("Value 'Jane&#10;' is not
 * facet-valid…"), and values are personal data. So only the message key ({@code cvc-…}) and
 * schema-side facts (facet limits, type names, enumerations, expected element names) are taken
 * from them, always by patterns anchored at the end of the message, where a value cannot reach;
 * the wording is our own. A value problem is reported by the validator as a pair: the datatype
 * error, then one naming the element ({@code cvc-type.3.1.3}, {@code cvc-complex-type.2.2}) or the
 * attribute ({@code cvc-attribute.3}); the first is held until the second says what to name.
 */
final class ValidationFindings implements ErrorHandler {

    /** Where the stream is when a problem is found. */
    interface Position {
        String path();

        String currentName();

        String parentName();
    }

    private static final Pattern KEY = Pattern.compile("^(cvc-[A-Za-z0-9.\\-]+):");
    private static final Pattern TYPE_AT_END = Pattern.compile("for type '([^']*)'\\.$");
    private static final Pattern VALUE_TYPE_AT_END = Pattern.compile("is not a valid value (?:for|of list type|of union type) '([^']*)'\\.$");
    private static final Pattern FACET_AT_END = Pattern.compile("with respect to (?:maxLength|minLength|length|maxInclusive|minInclusive|maxExclusive|minExclusive|totalDigits|fractionDigits) '([^']*)' for type '([^']*)'\\.$");
    private static final Pattern ENUMERATION_AT_END = Pattern.compile("with respect to enumeration '\\[([^'\\]]*)\\]'\\. It must be a value from the enumeration\\.$");
    private static final Pattern ATTRIBUTE_CONTEXT_AT_END = Pattern.compile("of attribute '([^']*)' on element '([^']*)' is not valid with respect to its type, '[^']*'\\.$");
    private static final Pattern EXPECTED_AT_END = Pattern.compile("[Oo]ne of '(.*)' is expected\\.$", Pattern.DOTALL);
    private static final Pattern MAXIMUM = Pattern.compile("can occur a maximum of '([0-9]+)' times in the current sequence\\. This limit was exceeded\\. (?:At this point one of '.*' is expected|No child element is expected at this point)\\.$", Pattern.DOTALL);
    private static final Pattern ATTRIBUTE_IN_ELEMENT_AT_END = Pattern.compile("Attribute '([^']*)' (?:is not allowed to appear in|must appear on) element '[^']*'\\.$");
    private static final Pattern EXPECTED_NAMESPACE = Pattern.compile("\"[^\"]*\":");

    private static final Set<String> VALUE_KEYS = Set.of(
            "cvc-pattern-valid", "cvc-enumeration-valid", "cvc-maxLength-valid", "cvc-minLength-valid",
            "cvc-length-valid", "cvc-maxInclusive-valid", "cvc-minInclusive-valid", "cvc-maxExclusive-valid",
            "cvc-minExclusive-valid", "cvc-totalDigits-valid", "cvc-fractionDigits-valid", "cvc-id.2");

    /** What a valid value of each schema type looks like, in the words of the messages. */
    private static final Map<String, String> TYPE_RULES = Map.ofEntries(
            Map.entry("NamePart", "value does not match the pattern for a Name (letters, spaces, apostrophes, hyphens;"
                    + " no digits, line breaks or control characters, no leading or trailing space)"),
            Map.entry("Date", "a date must be yyyy-mm-dd without a time zone"),
            Map.entry("date", "a date must be yyyy-mm-dd without a time zone"),
            Map.entry("DateTime", "a date-time must be yyyy-mm-ddThh:mm:ss and carry a time zone (Z or +hh:mm)"),
            Map.entry("dateTime", "a date-time must be yyyy-mm-ddThh:mm:ss and carry a time zone (Z or +hh:mm)"),
            Map.entry("Postcode", "not a UK postcode (capitals, e.g. DE1 1AA)"),
            Map.entry("Phone", "not a telephone number (digits, spaces, brackets and hyphens, optionally a leading +)"),
            Map.entry("Email", "not an e-mail address"),
            Map.entry("HttpsUrl", "must be an https:// URL"),
            Map.entry("anyURI", "must be an https:// URL"),
            Map.entry("NhsNumber", "an NHS number is 10 digits without spaces"),
            Map.entry("NotificationId", "must be the force code (2 to 10 capitals or digits), a hyphen, then 1 to 40 letters, digits or hyphens"),
            Map.entry("ForceCode", "a force code is 2 to 10 capitals or digits"),
            Map.entry("PartyCode", "must be a directory code or school URN (capitals, digits, underscores, hyphens; up to 30)"),
            Map.entry("SchoolUrn", "a DfE URN is exactly 6 digits"),
            Map.entry("GatewayReference", "a gateway reference is MGW- followed by 26 Crockford base32 characters"),
            Map.entry("Reference", "a reference is 1 to 60 letters, digits, '/', '.', '_' or '-', starting with a letter or digit"),
            Map.entry("PncId", "a PNC id is yy/nnnnnnnA"),
            Map.entry("CollarNumber", "a collar number is 1 to 10 letters or digits"),
            Map.entry("Ethnicity", "must be an ONS 2021 ethnic group code such as W1"),
            Map.entry("AddressLine", "line breaks, tabs and other control characters are not allowed"),
            Map.entry("SingleLineText", "line breaks, tabs and other control characters are not allowed"),
            Map.entry("OptionalText200", "line breaks, tabs and other control characters are not allowed"),
            Map.entry("Text100", "line breaks, tabs and other control characters are not allowed"),
            Map.entry("Text200", "line breaks, tabs and other control characters are not allowed"),
            Map.entry("Text700", "line breaks, tabs and other control characters are not allowed"),
            Map.entry("MultiLineText", "control characters other than tab and line breaks are not allowed"),
            Map.entry("Text1000", "control characters other than tab and line breaks are not allowed"),
            Map.entry("Text2000", "control characters other than tab and line breaks are not allowed"),
            Map.entry("Text4000", "control characters other than tab and line breaks are not allowed"),
            Map.entry("Text8000", "control characters other than tab and line breaks are not allowed"),
            Map.entry("DashScore", "must be a whole number from 0 to 27"),
            Map.entry("integer", "must be a whole number"),
            Map.entry("boolean", "must be true or false"),
            Map.entry("ID", "an id must be an XML name (a letter first, then letters, digits, '.', '-' or '_')"),
            Map.entry("NCName", "must be an XML name (a letter first, then letters, digits, '.', '-' or '_')"));

    private static final String CLASSIFICATION = "Classification";

    private final Position position;
    private final int limit;
    private final List<XmlError> errors = new ArrayList<>();
    private final Set<RejectionReason> reasons = EnumSet.noneOf(RejectionReason.class);
    private Held held;

    /** A value problem waiting for the validator to say which element or attribute holds it. */
    private record Held(String key, String rule, SAXParseException at) {
    }

    ValidationFindings(Position position, int limit) {
        this.position = position;
        this.limit = limit;
    }

    @Override
    public void warning(SAXParseException exception) {
        // schema warnings do not make a document invalid
    }

    @Override
    public void error(SAXParseException exception) {
        translate(exception);
    }

    @Override
    public void fatalError(SAXParseException exception) {
        translate(exception);
    }

    /** Records a problem found outside the schema validator. */
    void add(RejectionReason reason, int line, int column, String element, String message) {
        reasons.add(reason);
        if (errors.size() < limit) {
            errors.add(new XmlError(line, column, element, message));
        }
    }

    /** Reports a value problem still held; call when the document ends or the stream moves on. */
    void flush() {
        if (held != null) {
            Held pending = held;
            held = null;
            reportValue(pending, position.currentName(), false);
        }
    }

    boolean isEmpty() {
        flush();
        return reasons.isEmpty();
    }

    Set<RejectionReason> reasons() {
        flush();
        return reasons;
    }

    List<XmlError> errors() {
        flush();
        return errors;
    }

    private void translate(SAXParseException exception) {
        String message = String.valueOf(exception.getMessage());
        Matcher keyMatcher = KEY.matcher(message);
        String key = keyMatcher.find() ? keyMatcher.group(1) : "schema";
        String current = position.currentName();

        if (VALUE_KEYS.contains(key) || key.startsWith("cvc-datatype-valid")) {
            flush();
            held = new Held(key, valueRule(key, message), exception);
            return;
        }
        switch (key) {
            case "cvc-type.3.1.3", "cvc-complex-type.2.2" -> {
                if (held != null) {
                    Held pending = held;
                    held = null;
                    reportValue(pending, current, false);
                } else if (key.equals("cvc-complex-type.2.2")) {
                    report(exception, current + ": must hold text only, not elements");
                } else {
                    report(exception, current + ": value is not valid");
                }
            }
            case "cvc-attribute.3" -> {
                Matcher attribute = ATTRIBUTE_CONTEXT_AT_END.matcher(message);
                String label = current + "/@" + (attribute.find() ? attribute.group(1) : "attribute");
                Held pending = held != null ? held : new Held(key, "value is not valid", exception);
                held = null;
                reportValue(pending, label, true);
            }
            default -> {
                flush();
                reportStructure(key, message, exception, current);
            }
        }
    }

    private void reportStructure(String key, String message, SAXParseException exception, String current) {
        String parent = position.parentName();
        switch (key) {
            case "cvc-complex-type.2.4.a" ->
                    report(exception, current + ": unexpected element here; expected " + expected(message));
            case "cvc-complex-type.2.4.d" ->
                    report(exception, current + ": unexpected element here; " + parent + " allows no further element at this point");
            case "cvc-complex-type.2.4.b" ->
                    report(exception, current + ": incomplete; missing " + expected(message));
            case "cvc-complex-type.2.4.e" ->
                    report(exception, current + ": too many; " + parent + " allows at most " + maximum(message)
                            + ", then expects " + expected(message));
            case "cvc-complex-type.2.4.f" ->
                    report(exception, current + ": too many; " + parent + " allows at most " + maximum(message));
            case "cvc-complex-type.2.1" -> report(exception, current + ": must be empty");
            case "cvc-complex-type.2.3" ->
                    report(exception, current + ": text is not allowed here; this element holds other elements only");
            case "cvc-complex-type.3.2.2" ->
                    report(exception, current + ": attribute " + attributeName(message) + " is not allowed");
            case "cvc-complex-type.4" ->
                    report(exception, current + ": attribute " + attributeName(message) + " is required");
            case "cvc-type.3.1.1" -> report(exception, current + ": attributes are not allowed on this element");
            case "cvc-type.3.1.2" -> {
                // a Classification smuggling content in child elements is treated as a prohibited marking
                boolean classification = CLASSIFICATION.equals(current);
                add(classification ? RejectionReason.CLASSIFICATION_NOT_PERMITTED : RejectionReason.SCHEMA_INVALID,
                        exception.getLineNumber(), exception.getColumnNumber(), position.path(),
                        current + ": must hold text only, not elements");
            }
            case "cvc-elt.1.a" -> report(exception, current + ": not an element of this document type");
            default -> report(exception, current + ": does not conform to the schema (rule " + key + ")");
        }
    }

    private void reportValue(Held value, String label, boolean attribute) {
        boolean classification = !attribute && CLASSIFICATION.equals(position.currentName());
        String message;
        if (classification && value.key().equals("cvc-enumeration-valid") && value.rule().contains("OFFICIAL, OFFICIAL-SENSITIVE")) {
            message = "Classification: only OFFICIAL or OFFICIAL-SENSITIVE are accepted; the gateway is not accredited above OFFICIAL";
        } else if (classification && value.key().equals("cvc-enumeration-valid")) {
            message = "Classification: must be OFFICIAL-SENSITIVE on every document the gateway emits";
        } else {
            message = label + ": " + value.rule();
        }
        add(classification ? RejectionReason.CLASSIFICATION_NOT_PERMITTED : RejectionReason.SCHEMA_INVALID,
                value.at().getLineNumber(), value.at().getColumnNumber(), position.path(), message);
    }

    private void report(SAXParseException exception, String message) {
        add(RejectionReason.SCHEMA_INVALID, exception.getLineNumber(), exception.getColumnNumber(), position.path(), message);
    }

    private static String valueRule(String key, String message) {
        Matcher facet = FACET_AT_END.matcher(message);
        String limit = facet.find() ? facet.group(1) : "?";
        return switch (key) {
            case "cvc-maxLength-valid" -> "longer than " + limit + " characters";
            case "cvc-minLength-valid" -> "1".equals(limit) ? "must not be empty" : "shorter than " + limit + " characters";
            case "cvc-length-valid" -> "must be exactly " + limit + " characters";
            case "cvc-maxInclusive-valid" -> "greater than the maximum " + limit;
            case "cvc-minInclusive-valid" -> "less than the minimum " + limit;
            case "cvc-maxExclusive-valid" -> "must be less than " + limit;
            case "cvc-minExclusive-valid" -> "must be greater than " + limit;
            case "cvc-enumeration-valid" -> {
                Matcher enumeration = ENUMERATION_AT_END.matcher(message);
                yield enumeration.find() ? "not one of the permitted values: " + enumeration.group(1) : "not one of the permitted values";
            }
            case "cvc-id.2" -> "the same id is used more than once; each id must be unique in the document";
            case "cvc-pattern-valid" -> {
                Matcher type = TYPE_AT_END.matcher(message);
                yield ruleOf(type.find() ? type.group(1) : "");
            }
            default -> {
                Matcher type = VALUE_TYPE_AT_END.matcher(message);
                yield ruleOf(type.find() ? type.group(1) : "");
            }
        };
    }

    private static String ruleOf(String typeName) {
        String rule = TYPE_RULES.get(typeName);
        if (rule != null) {
            return rule;
        }
        return typeName.isEmpty() || typeName.startsWith("#") ? "value is not valid" : "value is not a valid " + typeName;
    }

    /**
     * The expected element names, from the last "one of '…' is expected." of the message: the
     * list comes from the schema and ends the message, while the offending element's name and
     * namespace, which the sender chose, come before it.
     */
    private static String expected(String message) {
        int start = Math.max(message.lastIndexOf("One of '"), message.lastIndexOf("one of '"));
        if (start < 0) {
            return "a different element";
        }
        Matcher expected = EXPECTED_AT_END.matcher(message.substring(start));
        if (!expected.find()) {
            return "a different element";
        }
        String names = EXPECTED_NAMESPACE.matcher(expected.group(1)).replaceAll("").replace("{", "").replace("}", "");
        return names.contains(",") ? "one of: " + names : names;
    }

    private static String maximum(String message) {
        Matcher maximum = MAXIMUM.matcher(message);
        return maximum.find() ? maximum.group(1) : "the number the schema sets";
    }

    private static String attributeName(String message) {
        Matcher attribute = ATTRIBUTE_IN_ELEMENT_AT_END.matcher(message);
        return attribute.find() ? attribute.group(1) : "(unnamed)";
    }
}
