package org.mashgateway.schoolday;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BirthdaysTest {

    @ParameterizedTest(name = "born {0}, attains {1} on {2}")
    @CsvSource({
        "2020-02-29, 1, 2021-03-01",
        "2020-02-29, 4, 2024-02-29",
        "2020-02-29, 5, 2025-03-01",
        "2020-02-29, 16, 2036-02-29",
        "2019-02-28, 5, 2024-02-28",
        "2016-03-14, 5, 2021-03-14",
    })
    void aChildAttainsAnAgeOnTheAnniversaryAndALeapDayChildOnFirstMarchInACommonYear(
            LocalDate dateOfBirth, int age, LocalDate attains) {
        assertThat(Birthdays.attains(dateOfBirth, age)).isEqualTo(attains);
    }
}
