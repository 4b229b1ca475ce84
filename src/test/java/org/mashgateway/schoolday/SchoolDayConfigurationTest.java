package org.mashgateway.schoolday;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SchoolDayConfigurationTest {

    private final ApplicationContextRunner runner =
            new ApplicationContextRunner().withUserConfiguration(SchoolDayConfiguration.class);

    @Test
    void defaultsToCompulsorySchoolAgeTheShippedCalendarsAndNoMinimumNotice() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean("schoolAgeRule")).isInstanceOf(CompulsorySchoolAge.class);
            SchoolCalendar calendar = context.getBean(SchoolCalendar.class);
            assertThat(calendar.isSchoolDay(LocalDate.of(2026, 10, 27))).isFalse();
            assertThat(calendar.isSchoolDay(LocalDate.of(2027, 5, 3))).isFalse();
            DueBy dueBy = context.getBean(SchoolDeadline.class).dueBy(Instant.parse("2026-11-24T01:00:00Z"));
            assertThat(dueBy.at().toInstant()).isEqualTo("2026-11-24T08:00:00Z");
        });
    }

    @Test
    void anAreaCanChooseAnAgeRangeByValueAndPrefix() {
        runner.withPropertyValues(
                        "mash.sdat.eligibility=age-range",
                        "mash.sdat.eligibility.from-age=5",
                        "mash.sdat.eligibility.to-age=18")
                .run(context -> {
                    SchoolAgeRule rule = context.getBean(SchoolAgeRule.class);
                    assertThat(rule).hasToString("AgeRangeRule[5..18]");
                    assertThat(rule.evaluate(LocalDate.of(2022, 6, 1), LocalDate.of(2026, 11, 20)).eligible())
                            .isTrue();
                });
    }

    @Test
    void aMinimumNoticeCanBeWrittenInEitherDurationStyle() {
        runner.withPropertyValues("mash.sdat.minimum-notice=6h").run(context -> {
            DueBy dueBy = context.getBean(SchoolDeadline.class).dueBy(Instant.parse("2026-11-24T03:00:00Z"));
            assertThat(dueBy.at().toInstant()).isEqualTo("2026-11-25T08:00:00Z");
        });
        runner.withPropertyValues("mash.sdat.minimum-notice=PT6H").run(context -> {
            DueBy dueBy = context.getBean(SchoolDeadline.class).dueBy(Instant.parse("2026-11-24T01:00:00Z"));
            assertThat(dueBy.at().toInstant()).isEqualTo("2026-11-24T08:00:00Z");
        });
    }

    @Test
    void anUnknownEligibilityRuleStopsTheGatewayAtStartUp() {
        runner.withPropertyValues("mash.sdat.eligibility=everyone")
                .run(context -> assertThat(context)
                        .getFailure()
                        .hasRootCauseMessage("mash.sdat.eligibility must be compulsory-school-age or age-range,"
                                + " was 'everyone'"));
    }

    @Test
    void aCalendarFileWithAMisspeltKeyStopsTheGatewayAtStartUp() {
        runner.withPropertyValues("mash.sdat.calendar=classpath:schoolday/misspelt-school-calendar.yaml")
                .run(context -> assertThat(context).hasFailed());
    }

    @Test
    void anAreaCanPointAtItsOwnTermDates() {
        runner.withPropertyValues("mash.sdat.calendar=classpath:schoolday/other-area-school-calendar.yaml")
                .run(context -> {
                    SchoolCalendar calendar = context.getBean(SchoolCalendar.class);
                    assertThat(calendar.isSchoolDay(LocalDate.of(2026, 10, 27))).isTrue();
                    assertThat(calendar.isSchoolDay(LocalDate.of(2026, 11, 3))).isFalse();
                });
    }
}
