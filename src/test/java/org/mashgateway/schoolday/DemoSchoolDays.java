package org.mashgateway.schoolday;

import java.time.Duration;

/** The packaged demo area's school-day beans for tests outside this package: compulsory school age, the demo calendar. */
public final class DemoSchoolDays {

    private DemoSchoolDays() {
    }

    public static SchoolAgeRule compulsorySchoolAge() {
        return new CompulsorySchoolAge();
    }

    public static SchoolDeadline deadline() {
        return new SchoolDeadline(SchoolCalendarTest.demoCalendar(), Duration.ZERO);
    }
}
