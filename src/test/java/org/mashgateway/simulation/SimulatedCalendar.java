package org.mashgateway.simulation;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.mashgateway.schoolday.SchoolCalendar;
import org.mashgateway.simulation.DeadlineSimulation.Outage;
import org.mashgateway.simulation.DeadlineSimulation.Plan;
import org.mashgateway.simulation.DeadlineSimulation.Target;

/**
 * The simulated spans, found from today by the gateway's own school calendar so that a run on any
 * day (or under faketime) simulates the same kind of days: a day across a school night, or a week
 * with a weekend, a weekday without school (bank holiday, INSET day or half-term) and school days,
 * with the relay down for two hours overnight and for twenty minutes at 07:50 on a school day, and
 * the broker stopped from 20:30 to 21:00 on an evening (the force holds what it would
 * have sent by queue meanwhile).
 */
final class SimulatedCalendar {

    private static final int SEARCH_DAYS = 400;

    private SimulatedCalendar() {}

    /** Thursday noon to Friday noon of the first week from tomorrow where both are school days. */
    static Plan oneSchoolNight(SchoolCalendar calendar, LocalDate today, int incidentsPerDay, long seed) {
        LocalDate thursday = today.plusDays(1);
        while (thursday.getDayOfWeek() != DayOfWeek.THURSDAY || !calendar.isSchoolDay(thursday)
                || !calendar.isSchoolDay(thursday.plusDays(1))) {
            thursday = thursday.plusDays(1);
            if (thursday.isAfter(today.plusDays(SEARCH_DAYS))) {
                throw new IllegalStateException("no Thursday and Friday at school within " + SEARCH_DAYS + " days of " + today);
            }
        }
        LocalDate friday = thursday.plusDays(1);
        return new Plan(at(thursday, 12, 0), Duration.ofDays(1), incidentsPerDay, Duration.ofMinutes(1),
                List.of(new Outage("broker restarted", Target.BROKER, at(thursday, 20, 30), Duration.ofMinutes(30)),
                        new Outage("relay down overnight", Target.RELAY, at(friday, 1, 0), Duration.ofHours(2)),
                        new Outage("relay down at 07:50", Target.RELAY, at(friday, 7, 50), Duration.ofMinutes(20))),
                seed);
    }

    /**
     * {@code days} from the first Friday from tomorrow whose next seven days hold a weekday without
     * school and at least three school days.
     */
    static Plan week(SchoolCalendar calendar, LocalDate today, int days, int incidentsPerDay, long seed) {
        LocalDate friday = today.plusDays(1);
        List<LocalDate> schoolDays;
        while (true) {
            if (friday.getDayOfWeek() == DayOfWeek.FRIDAY) {
                schoolDays = new ArrayList<>();
                boolean weekdayWithoutSchool = false;
                for (LocalDate day = friday; day.isBefore(friday.plusDays(7)); day = day.plusDays(1)) {
                    boolean weekday = day.getDayOfWeek().getValue() <= 5;
                    if (calendar.isSchoolDay(day)) {
                        schoolDays.add(day);
                    } else if (weekday) {
                        weekdayWithoutSchool = true;
                    }
                }
                if (weekdayWithoutSchool && schoolDays.size() >= 3) {
                    break;
                }
            }
            friday = friday.plusDays(1);
            if (friday.isAfter(today.plusDays(SEARCH_DAYS))) {
                throw new IllegalStateException("no week with a weekday without school within " + SEARCH_DAYS + " days");
            }
        }
        LocalDate overnight = schoolDays.get(1);
        LocalDate morning = schoolDays.get(schoolDays.size() - 1);
        return new Plan(at(friday, 0, 0), Duration.ofDays(days), incidentsPerDay, Duration.ofMinutes(1),
                List.of(new Outage("broker restarted", Target.BROKER, at(friday.plusDays(1), 20, 30), Duration.ofMinutes(30)),
                        new Outage("relay down overnight", Target.RELAY, at(overnight, 1, 0), Duration.ofHours(2)),
                        new Outage("relay down at 07:50", Target.RELAY, at(morning, 7, 50), Duration.ofMinutes(20))),
                seed);
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(LocalTime.of(hour, minute)).atZone(SimulatedIncidents.LONDON).toInstant();
    }
}
