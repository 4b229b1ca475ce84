package org.mashgateway.schoolday;

import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/**
 * Builds the area's school-age rule, school calendar and school deadline from configuration.
 *
 * <p>{@code mash.sdat.eligibility} is both a value and the prefix of {@code .from-age} and {@code
 * .to-age}, which {@code @ConfigurationProperties} cannot bind, hence {@code @Value}.
 */
@Configuration(proxyBeanMethods = false)
class SchoolDayConfiguration {

    static final String COMPULSORY_SCHOOL_AGE = "compulsory-school-age";
    static final String AGE_RANGE = "age-range";

    @Bean
    SchoolAgeRule schoolAgeRule(
            @Value("${mash.sdat.eligibility:" + COMPULSORY_SCHOOL_AGE + "}") String eligibility,
            @Value("${mash.sdat.eligibility.from-age:5}") int fromAge,
            @Value("${mash.sdat.eligibility.to-age:17}") int toAge) {
        return switch (eligibility.trim().toLowerCase(Locale.ROOT)) {
            case COMPULSORY_SCHOOL_AGE -> new CompulsorySchoolAge();
            case AGE_RANGE -> new AgeRangeRule(fromAge, toAge);
            default -> throw new IllegalArgumentException("mash.sdat.eligibility must be " + COMPULSORY_SCHOOL_AGE
                    + " or " + AGE_RANGE + ", was '" + eligibility + "'");
        };
    }

    @Bean
    SchoolCalendar schoolCalendar(
            @Value("${mash.sdat.bank-holidays:classpath:schoolday/bank-holidays-england-and-wales.yaml}")
                    Resource bankHolidays,
            @Value("${mash.sdat.calendar:classpath:schoolday/demo-school-calendar.yaml}") Resource termDates) {
        return new SchoolCalendar(CalendarFiles.bankHolidays(bankHolidays), CalendarFiles.termDates(termDates));
    }

    @Bean
    SchoolDeadline schoolDeadline(
            SchoolCalendar schoolCalendar, @Value("${mash.sdat.minimum-notice:PT0H}") String minimumNotice) {
        return new SchoolDeadline(schoolCalendar, DurationStyle.detectAndParse(minimumNotice));
    }
}
