package org.mashgateway.console;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.mashgateway.delivery.DeliveryStatus;

/**
 * What the deliveries page is asked to show: any of a state, a recipient (agency code or school
 * URN), a document type and a range of days it was scheduled (UTC), each optional. Values that are
 * not codes are dropped rather than searched for, so no free text reaches the query.
 */
record DeliveryFilter(DeliveryStatus status, String recipient, String documentType, LocalDate from, LocalDate to) {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.:-]{1,100}");

    static DeliveryFilter of(String status, String recipient, String documentType, String from, String to) {
        return new DeliveryFilter(statusOf(status), code(recipient), code(documentType), day(from), day(to));
    }

    static DeliveryFilter none() {
        return new DeliveryFilter(null, null, null, null, null);
    }

    /** The SQL conditions and their parameters, in order. */
    Where where() {
        List<String> conditions = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (status != null) {
            conditions.add("status = ?");
            params.add(status.name());
        }
        if (recipient != null) {
            conditions.add("recipient = ?");
            params.add(recipient);
        }
        if (documentType != null) {
            conditions.add("document_type = ?");
            params.add(documentType);
        }
        if (from != null) {
            conditions.add("created_at >= ?");
            params.add(from.atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            conditions.add("created_at < ?");
            params.add(to.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        }
        return new Where(conditions, params);
    }

    /** The filter as query parameters for the pager's links (empty values left out). */
    public String query() {
        StringBuilder query = new StringBuilder();
        append(query, "status", status == null ? null : status.name());
        append(query, "recipient", recipient);
        append(query, "documentType", documentType);
        append(query, "from", from == null ? null : from.toString());
        append(query, "to", to == null ? null : to.toString());
        return query.toString();
    }

    /** Conditions to AND together and their parameters. */
    record Where(List<String> conditions, List<Object> params) {}

    private static void append(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append('&').append(name).append('=').append(value);
        }
    }

    private static DeliveryStatus statusOf(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (DeliveryStatus status : DeliveryStatus.values()) {
            if (status.name().equals(value)) {
                return status;
            }
        }
        return null;
    }

    private static String code(String value) {
        return value != null && CODE.matcher(value.trim()).matches() ? value.trim() : null;
    }

    private static LocalDate day(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException notADay) {
            return null;
        }
    }
}
