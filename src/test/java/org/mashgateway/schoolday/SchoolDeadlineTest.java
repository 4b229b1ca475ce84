package org.mashgateway.schoolday;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.ClassPathResource;

class SchoolDeadlineTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final SchoolDeadline demoArea = new SchoolDeadline(SchoolCalendarTest.demoCalendar(), Duration.ZERO);

    /** The shipped bank holidays and term dates that close nothing, for 2025 to 2028. */
    private static SchoolCalendar bankHolidaysOnly() {
        return new SchoolCalendar(
                CalendarFiles.bankHolidays(new ClassPathResource("schoolday/bank-holidays-england-and-wales.yaml")),
                new TermDates("all term", LocalDate.of(2025, 1, 1), LocalDate.of(2028, 12, 31), List.of()));
    }

    private static Instant london(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(LONDON).toInstant();
    }

    @ParameterizedTest(name = "{2}: incident {0} London -> due {1} UTC")
    @CsvSource({
        "2026-11-20T22:00, 2026-11-23T08:00:00Z, Friday night to Monday",
        "2026-11-21T12:00, 2026-11-23T08:00:00Z, Saturday to Monday",
        "2026-11-24T01:00, 2026-11-24T08:00:00Z, small hours of a school day to that morning",
        "2026-11-24T07:59, 2026-11-24T08:00:00Z, a minute before school",
        "2026-11-24T08:00, 2026-11-25T08:00:00Z, at the start of school to the next day",
        "2026-11-24T15:30, 2026-11-25T08:00:00Z, afternoon to the next morning",
        "2026-10-23T19:00, 2026-11-02T08:00:00Z, across October half term and the clocks going back",
        "2026-12-18T21:00, 2027-01-05T08:00:00Z, across the Christmas holidays and an INSET day",
        "2027-04-30T19:00, 2027-05-04T07:00:00Z, across the Early May bank holiday weekend",
        "2027-03-25T20:00, 2027-04-12T07:00:00Z, across Good Friday and the Easter holidays",
        "2027-07-21T18:00, 2027-09-03T07:00:00Z, across the summer holidays and two INSET days",
    })
    void isEightInTheMorningOnTheNextSchoolDayInTheDemoArea(String incident, Instant due, String what) {
        DueBy dueBy = demoArea.dueBy(london(incident));

        assertThat(dueBy.at().toInstant()).as(what).isEqualTo(due);
        assertThat(dueBy.at().getZone()).isEqualTo(LONDON);
        assertThat(dueBy.at().toLocalTime()).hasToString("08:00");
    }

    @ParameterizedTest(name = "{2}: incident {0} London -> due {1} UTC")
    @CsvSource({
        "2027-03-25T20:00, 2027-03-30T07:00:00Z, Easter 2027 with the clocks going forward on Easter Sunday",
        "2027-05-28T18:00, 2027-06-01T07:00:00Z, across the Spring bank holiday weekend",
        "2027-12-24T10:00, 2027-12-29T08:00:00Z, Christmas 2027 with both substitute days",
        "2026-03-28T23:30, 2026-03-30T07:00:00Z, the night the clocks go forward",
        "2026-03-29T01:30, 2026-03-30T07:00:00Z, a local time in the hour that is skipped",
        "2027-10-31T01:30, 2027-11-01T08:00:00Z, during the hour that repeats",
        "2027-12-31T18:00, 2028-01-04T08:00:00Z, New Year's Day 2028 on a Saturday",
    })
    void skipsBankHolidaysAndHandlesTheClockChanges(String incident, Instant due, String what) {
        SchoolDeadline deadline = new SchoolDeadline(bankHolidaysOnly(), Duration.ZERO);

        assertThat(deadline.dueBy(london(incident)).at().toInstant()).as(what).isEqualTo(due);
    }

    @Test
    void theHourThatRepeatsIsTakenAtItsSecondOccurrenceAsWell() {
        SchoolDeadline deadline = new SchoolDeadline(bankHolidaysOnly(), Duration.ZERO);
        Instant firstOneThirty = Instant.parse("2027-10-31T00:30:00Z");
        Instant secondOneThirty = Instant.parse("2027-10-31T01:30:00Z");

        assertThat(deadline.dueBy(firstOneThirty).at()).isEqualTo(deadline.dueBy(secondOneThirty).at());
    }

    @Test
    void aMinimumNoticeMovesANightIncidentToTheFollowingSchoolDay() {
        SchoolDeadline sixHours = new SchoolDeadline(SchoolCalendarTest.demoCalendar(), Duration.ofHours(6));

        assertThat(sixHours.dueBy(london("2026-11-24T01:00")).at().toInstant()).isEqualTo("2026-11-24T08:00:00Z");
        assertThat(sixHours.dueBy(london("2026-11-24T02:00")).at().toInstant()).isEqualTo("2026-11-25T08:00:00Z");
        assertThat(sixHours.dueBy(london("2026-11-27T03:00")).at().toInstant()).isEqualTo("2026-11-30T08:00:00Z");
    }

    @Test
    void isNotFlaggedWhenTheCalendarCoversEveryDaySearched() {
        assertThat(demoArea.dueBy(london("2026-11-20T22:00")).calendarDataMissing()).isFalse();
    }

    @Test
    void isFlaggedWhenTheSearchRunsBeyondTheTermDates() {
        DueBy dueBy = demoArea.dueBy(london("2028-07-20T18:00"));

        assertThat(dueBy.calendarDataMissing()).isTrue();
    }

    @Test
    void fallsBackToWeekendsOnlyAndIsFlaggedInAYearWithNoBankHolidayData() {
        DueBy dueBy = demoArea.dueBy(london("2028-12-29T18:00"));
        DueBy beyond = demoArea.dueBy(london("2029-12-31T18:00"));

        assertThat(beyond.at().toInstant()).isEqualTo("2030-01-01T08:00:00Z");
        assertThat(beyond.calendarDataMissing()).isTrue();
        assertThat(dueBy.calendarDataMissing()).isTrue();
    }

    @Test
    void refusesANegativeMinimumNotice() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SchoolDeadline(SchoolCalendarTest.demoCalendar(), Duration.ofHours(-1)));
    }

    @Test
    void stopsWithAClearErrorWhenTheCalendarClosesSchoolsForMoreThanAYear() {
        SchoolCalendar closed = new SchoolCalendar(
                new BankHolidays(Set.of(2026), Map.of()),
                new TermDates(
                        "closed",
                        LocalDate.of(2026, 1, 1),
                        LocalDate.of(2030, 12, 31),
                        List.of(new NonSchoolPeriod(LocalDate.of(2026, 1, 1), LocalDate.of(2030, 12, 31), "closed"))));
        SchoolDeadline deadline = new SchoolDeadline(closed, Duration.ZERO);

        assertThatIllegalStateException().isThrownBy(() -> deadline.dueBy(london("2026-11-20T22:00")));
    }
}
