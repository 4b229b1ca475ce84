/**
 * The deadlines of what the gateway sends, and the day-and-date rules behind them. An agency's
 * ({@link org.mashgateway.schoolday.AgencyDeadline}) is the police document's time plus the
 * policy's deadline for its risk level. The school notification (SDAT, Operation Encompass) has two
 * rules: whether a child is of the age the area notifies schools about on the incident date
 * ({@link org.mashgateway.schoolday.SchoolAgeRule}, by default {@link
 * org.mashgateway.schoolday.CompulsorySchoolAge}), and by when the school must have the
 * notification ({@link org.mashgateway.schoolday.SchoolDeadline}: 08:00 Europe/London on the next
 * school day, from the {@link org.mashgateway.schoolday.SchoolCalendar} of bank holidays and the
 * area's term dates).
 *
 * <p>Everything here is a pure function of dates: no clock, no I/O after start-up, no personal data
 * kept. The readings of the law chosen are recorded in
 * {@code docs/decisions/0006-school-age-and-next-school-day.md}.
 */
package org.mashgateway.schoolday;
