package org.mashgateway.schoolday;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompulsorySchoolAgeTest {

    private final CompulsorySchoolAge rule = new CompulsorySchoolAge();

    @ParameterizedTest(name = "fifth birthday {0} -> compulsory school age from {1}")
    @CsvSource({
        // either side of and on 31 August
        "2021-08-30, 2021-08-31",
        "2021-08-31, 2021-08-31",
        "2021-09-01, 2021-12-31",
        // either side of and on 31 December
        "2021-12-30, 2021-12-31",
        "2021-12-31, 2021-12-31",
        "2022-01-01, 2022-03-31",
        // either side of and on 31 March
        "2022-03-30, 2022-03-31",
        "2022-03-31, 2022-03-31",
        "2022-04-01, 2022-08-31",
    })
    void startsOnThePrescribedDayOnOrNextAfterTheFifthBirthday(LocalDate fifthBirthday, LocalDate firstDay) {
        LocalDate dateOfBirth = fifthBirthday.minusYears(5);

        assertThat(rule.evaluate(dateOfBirth, firstDay).eligible()).isTrue();
        Eligibility dayBefore = rule.evaluate(dateOfBirth, firstDay.minusDays(1));
        assertThat(dayBefore.eligible()).isFalse();
        assertThat(dayBefore.reasonCode()).isEqualTo("CHILD_NOT_STATUTORY_SCHOOL_AGE");
        assertThat(dayBefore.explanation()).isEqualTo("below compulsory school age on the incident date");
    }

    @ParameterizedTest(name = "turning 16 on {0} -> last day {1}")
    @CsvSource({
        "2026-03-14, 2026-06-26",
        "2027-01-10, 2027-06-25",
        "2028-05-01, 2028-06-30",
        "2029-11-30, 2030-06-28",
        "2032-03-14, 2032-06-25",
    })
    void endsAfterTheLastFridayInJuneOfTheSchoolYearOfTheSixteenthBirthday(
            LocalDate sixteenthBirthday, LocalDate lastFridayOfJune) {
        LocalDate dateOfBirth = sixteenthBirthday.minusYears(16);

        assertThat(rule.evaluate(dateOfBirth, lastFridayOfJune.minusDays(1)).eligible()).isTrue();
        assertThat(rule.evaluate(dateOfBirth, lastFridayOfJune).eligible()).isTrue();
        Eligibility dayAfter = rule.evaluate(dateOfBirth, lastFridayOfJune.plusDays(1));
        assertThat(dayAfter.eligible()).isFalse();
        assertThat(dayAfter.reasonCode()).isEqualTo("CHILD_NOT_STATUTORY_SCHOOL_AGE");
        assertThat(dayAfter.explanation()).isEqualTo("above compulsory school age on the incident date");
    }

    @Test
    void aChildTurningSixteenOnThirtyFirstAugustLeavesAYearBeforeOneTurningSixteenOnFirstSeptember() {
        LocalDate sixteenOn31August2026 = LocalDate.of(2010, 8, 31);
        LocalDate sixteenOn1September2026 = LocalDate.of(2010, 9, 1);

        assertThat(CompulsorySchoolAge.lastDay(sixteenOn31August2026)).isEqualTo("2026-06-26");
        assertThat(CompulsorySchoolAge.lastDay(sixteenOn1September2026)).isEqualTo("2027-06-25");
        LocalDate summer = LocalDate.of(2026, 7, 15);
        assertThat(rule.evaluate(sixteenOn31August2026, summer).eligible()).isFalse();
        assertThat(rule.evaluate(sixteenOn1September2026, summer).eligible()).isTrue();
    }

    @Test
    void aChildTurningSixteenOnTheLastFridayOfJuneIsStillOfCompulsorySchoolAgeThatDay() {
        LocalDate dateOfBirth = LocalDate.of(2010, 6, 26);

        assertThat(rule.evaluate(dateOfBirth, LocalDate.of(2026, 6, 26)).eligible()).isTrue();
        assertThat(rule.evaluate(dateOfBirth, LocalDate.of(2026, 6, 27)).eligible()).isFalse();
    }

    @Test
    void aLeapDayChildBecomesOfCompulsorySchoolAgeOnThirtyFirstMarch() {
        LocalDate leapDay = LocalDate.of(2020, 2, 29);

        assertThat(rule.evaluate(leapDay, LocalDate.of(2025, 3, 30)).eligible()).isFalse();
        assertThat(rule.evaluate(leapDay, LocalDate.of(2025, 3, 31)).eligible()).isTrue();
        assertThat(CompulsorySchoolAge.lastDay(leapDay)).isEqualTo("2036-06-27");
    }

    @Test
    void aLeapDayChildsFifthBirthdayInACommonYearWouldGiveTheSameStartOnEitherReading() {
        LocalDate leapDay = LocalDate.of(2016, 2, 29);

        assertThat(CompulsorySchoolAge.firstDay(leapDay)).isEqualTo("2021-03-31");
        assertThat(CompulsorySchoolAge.firstDay(LocalDate.of(2016, 2, 28))).isEqualTo("2021-03-31");
        assertThat(CompulsorySchoolAge.firstDay(LocalDate.of(2016, 3, 1))).isEqualTo("2021-03-31");
    }

    @Test
    void aChildOfFourIsBelowCompulsorySchoolAge() {
        Eligibility four = rule.evaluate(LocalDate.of(2022, 6, 1), LocalDate.of(2026, 11, 20));

        assertThat(four.eligible()).isFalse();
        assertThat(four.reasonCode()).isEqualTo(Eligibility.CHILD_NOT_STATUTORY_SCHOOL_AGE);
    }

    @Test
    void aChildBornAfterTheIncidentIsNotEligible() {
        assertThat(rule.evaluate(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 11, 20)).eligible())
                .isFalse();
    }

    @Test
    void theSampleNotificationsSchoolAgeChildIsEligibleAndItsToddlerIsNot() {
        LocalDate incident = LocalDate.of(2026, 11, 20);

        Eligibility amy = rule.evaluate(LocalDate.of(2016, 3, 14), incident);
        Eligibility leo = rule.evaluate(LocalDate.of(2023, 1, 30), incident);

        assertThat(amy).isEqualTo(new Eligibility(true, null, "of compulsory school age on the incident date"));
        assertThat(leo)
                .isEqualTo(new Eligibility(
                        false, "CHILD_NOT_STATUTORY_SCHOOL_AGE", "below compulsory school age on the incident date"));
    }
}
