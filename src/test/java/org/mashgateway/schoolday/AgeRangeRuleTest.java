package org.mashgateway.schoolday;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgeRangeRuleTest {

    private final AgeRangeRule receptionTo17 = new AgeRangeRule(5, 17);

    @ParameterizedTest(name = "born {0} -> eligible from {1} to {2}")
    @CsvSource({
        // turns 5 on 31 August 2026: reception was 2025-26
        "2021-08-31, 2025-09-01, 2038-08-31",
        // turns 5 on 1 September 2026: reception is 2026-27
        "2021-09-01, 2026-09-01, 2039-08-31",
        "2020-02-29, 2024-09-01, 2037-08-31",
    })
    void coversWholeSchoolYearsFromReceptionToTheYearTheChildTurnsSeventeen(
            LocalDate dateOfBirth, LocalDate firstDay, LocalDate lastDay) {
        assertThat(receptionTo17.evaluate(dateOfBirth, firstDay.minusDays(1)).eligible()).isFalse();
        assertThat(receptionTo17.evaluate(dateOfBirth, firstDay).eligible()).isTrue();
        assertThat(receptionTo17.evaluate(dateOfBirth, lastDay).eligible()).isTrue();
        Eligibility after = receptionTo17.evaluate(dateOfBirth, lastDay.plusDays(1));
        assertThat(after.eligible()).isFalse();
        assertThat(after.reasonCode()).isEqualTo(Eligibility.CHILD_NOT_STATUTORY_SCHOOL_AGE);
        assertThat(after.explanation()).isEqualTo("above the configured school age range on the incident date");
    }

    @Test
    void notifiesAboutAReceptionChildOfFourThatCompulsorySchoolAgeLeavesOut() {
        LocalDate four = LocalDate.of(2022, 6, 1);
        LocalDate incident = LocalDate.of(2026, 11, 20);

        assertThat(receptionTo17.evaluate(four, incident).eligible()).isTrue();
        assertThat(new CompulsorySchoolAge().evaluate(four, incident).eligible()).isFalse();
    }

    @Test
    void leavesOutAToddler() {
        Eligibility leo = receptionTo17.evaluate(LocalDate.of(2023, 1, 30), LocalDate.of(2026, 11, 20));

        assertThat(leo.eligible()).isFalse();
        assertThat(leo.explanation()).isEqualTo("below the configured school age range on the incident date");
    }

    @Test
    void refusesAnEmptyOrNonsensicalRange() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AgeRangeRule(17, 5));
        assertThatIllegalArgumentException().isThrownBy(() -> new AgeRangeRule(0, 16));
        assertThatIllegalArgumentException().isThrownBy(() -> new AgeRangeRule(5, 30));
    }
}
