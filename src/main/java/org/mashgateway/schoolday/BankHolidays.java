package org.mashgateway.schoolday;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The bank holidays of England and Wales for the calendar years the gateway has data for. A date in
 * a year outside {@code years} is not known either way, which the calendar reports as missing data.
 *
 * @param years the calendar years whose bank holidays are all listed
 * @param dates every bank holiday in those years, with its name
 */
public record BankHolidays(Set<Integer> years, Map<LocalDate, String> dates) {

    public BankHolidays {
        years = Set.copyOf(years);
        dates = new TreeMap<>(dates);
        for (LocalDate date : dates.keySet()) {
            if (!years.contains(date.getYear())) {
                throw new IllegalArgumentException("bank holiday " + date + " lies outside the listed years " + years);
            }
        }
    }

    boolean covers(LocalDate date) {
        return years.contains(date.getYear());
    }

    boolean isBankHoliday(LocalDate date) {
        return dates.containsKey(date);
    }
}
