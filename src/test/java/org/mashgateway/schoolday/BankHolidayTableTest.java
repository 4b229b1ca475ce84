package org.mashgateway.schoolday;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.ClassPathResource;

/** Checks the shipped bank-holiday list against the rules that make the holidays. */
class BankHolidayTableTest {

    private final BankHolidays shipped = CalendarFiles.bankHolidays(
            new ClassPathResource("schoolday/bank-holidays-england-and-wales.yaml"));

    @ParameterizedTest(name = "Easter Sunday {0}")
    @CsvSource({"2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16", "2019-04-21", "2038-04-25"})
    void theComputusFindsKnownEasterSundays(LocalDate easterSunday) {
        assertThat(easterSunday(easterSunday.getYear())).isEqualTo(easterSunday);
    }

    @Test
    void theShippedListIsExactlyTheHolidaysTheRulesGiveForEveryYearItCovers() {
        assertThat(shipped.years()).containsExactlyInAnyOrder(2025, 2026, 2027, 2028);
        List<LocalDate> expected = new ArrayList<>();
        for (int year : shipped.years()) {
            expected.addAll(byTheRules(year));
        }

        assertThat(shipped.dates().keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "{0} is a bank holiday")
    @CsvSource({
        "2026-04-03", "2026-04-06", "2026-12-28", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31",
        "2027-08-30", "2027-12-27", "2027-12-28", "2028-01-03", "2028-04-14", "2028-04-17",
    })
    void knownBankHolidaysAreListed(LocalDate date) {
        assertThat(shipped.isBankHoliday(date)).isTrue();
    }

    @ParameterizedTest(name = "{0} is not a bank holiday")
    @CsvSource({"2027-12-25", "2027-12-26", "2026-12-26", "2028-01-01", "2025-05-08", "2026-04-05"})
    void weekendDaysWithASubstituteAndOrdinaryDaysAreNotListed(LocalDate date) {
        assertThat(shipped.isBankHoliday(date)).isFalse();
    }

    /** The standing bank holidays of England and Wales; one-off proclamations are not rules. */
    private static List<LocalDate> byTheRules(int year) {
        LocalDate easter = easterSunday(year);
        LocalDate newYear = LocalDate.of(year, Month.JANUARY, 1);
        LocalDate christmas = LocalDate.of(year, Month.DECEMBER, 25);
        LocalDate boxingDay = christmas.plusDays(1);
        // A weekend Christmas or Boxing Day moves two days on: Saturday to Monday, and Sunday to
        // Tuesday, because the Monday then belongs to the other holiday.
        return List.of(
                weekdayOnOrAfter(newYear),
                easter.minusDays(2),
                easter.plusDays(1),
                LocalDate.of(year, Month.MAY, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)),
                LocalDate.of(year, Month.MAY, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)),
                LocalDate.of(year, Month.AUGUST, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)),
                isWeekend(christmas) ? christmas.plusDays(2) : christmas,
                isWeekend(boxingDay) ? boxingDay.plusDays(2) : boxingDay);
    }

    private static LocalDate weekdayOnOrAfter(LocalDate date) {
        return isWeekend(date) ? date.with(TemporalAdjusters.next(DayOfWeek.MONDAY)) : date;
    }

    private static boolean isWeekend(LocalDate date) {
        return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    }

    /** Easter Sunday by the anonymous Gregorian computus (Meeus/Jones/Butcher). */
    private static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }
}
