package org.mashgateway.schoolday;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.Resource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the two calendar files an area maintains: the bank-holiday list and the term dates. Unknown
 * keys are refused, so a misspelt {@code nonSchoolDays} stops the gateway at start-up instead of
 * silently leaving every half term a school day.
 */
final class CalendarFiles {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private CalendarFiles() {}

    /** The layout of the bank-holiday file: the years it is complete for, and each holiday. */
    private record BankHolidayFile(String division, List<Integer> years, List<Holiday> holidays) {}

    private record Holiday(LocalDate date, String name) {}

    static BankHolidays bankHolidays(Resource resource) {
        BankHolidayFile file = read(resource, BankHolidayFile.class);
        Map<LocalDate, String> dates = new LinkedHashMap<>();
        for (Holiday holiday : file.holidays() == null ? List.<Holiday>of() : file.holidays()) {
            dates.put(holiday.date(), holiday.name());
        }
        return new BankHolidays(Set.copyOf(file.years() == null ? List.of() : file.years()), dates);
    }

    static TermDates termDates(Resource resource) {
        return read(resource, TermDates.class);
    }

    private static <T> T read(Resource resource, Class<T> type) {
        try (InputStream in = resource.getInputStream()) {
            return YAML.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read school calendar file " + resource.getDescription(), e);
        }
    }
}
