package org.mashgateway.schoolday;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.ClassPathResource;

class SchoolCalendarTest {

    static SchoolCalendar demoCalendar() {
        return new SchoolCalendar(
                CalendarFiles.bankHolidays(new ClassPathResource("schoolday/bank-holidays-england-and-wales.yaml")),
                CalendarFiles.termDates(new ClassPathResource("schoolday/demo-school-calendar.yaml")));
    }

    private final SchoolCalendar calendar = demoCalendar();

    @ParameterizedTest(name = "{0}: school day {1} ({2})")
    @CsvSource({
        "2026-11-20, true, Friday in term",
        "2026-11-21, false, Saturday",
        "2026-11-22, false, Sunday",
        "2026-09-02, false, INSET day",
        "2026-09-03, true, first day of term",
        "2026-10-26, false, first day of October half term",
        "2026-10-30, false, last day of October half term",
        "2026-11-02, true, back after half term",
        "2027-01-01, false, New Year's Day in the Christmas holidays",
        "2027-01-04, false, INSET day",
        "2027-01-05, true, first day of spring term",
        "2027-03-26, false, Good Friday",
        "2027-03-25, true, last day before Easter",
        "2027-05-03, false, Early May bank holiday in term",
        "2027-05-04, true, Tuesday after the bank holiday",
        "2027-08-02, false, summer holidays",
        "2027-09-03, true, first day of the 2027-28 autumn term",
        "2028-02-18, false, February half term 2028",
        "2028-07-20, true, last day of the 2027-28 summer term",
    })
    void knowsWeekendsBankHolidaysAndTheAreasClosures(LocalDate date, boolean schoolDay, String what) {
        assertThat(calendar.isSchoolDay(date)).as(what).isEqualTo(schoolDay);
    }

    @ParameterizedTest(name = "{0}: data {1}")
    @CsvSource({
        "2026-09-01, true",
        "2027-08-31, true",
        "2028-08-31, true",
        "2026-08-31, false",
        "2028-09-01, false",
        "2029-01-08, false",
    })
    void saysWhereItsTermDatesOrBankHolidaysRunOut(LocalDate date, boolean hasData) {
        assertThat(calendar.hasDataFor(date)).isEqualTo(hasData);
    }

    @ParameterizedTest(name = "{0}: school day {1}")
    @CsvSource({"2029-01-08, true", "2029-01-06, false", "2029-01-01, true"})
    void beyondItsDataSkipsOnlyWeekends(LocalDate date, boolean schoolDay) {
        assertThat(calendar.isSchoolDay(date)).isEqualTo(schoolDay);
    }
}
