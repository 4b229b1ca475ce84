package org.mashgateway.simulation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.mashgateway.support.Notifications;

/**
 * A force's domestic-abuse notifications over a span of time, made up from a seed: arrivals in the
 * shape of a day's incidents (few in the morning, most in the evening and the night), risk levels
 * in plausible proportions, children of every age with many born near the statutory school-age
 * boundaries, siblings at different schools, schools the directory does not know, and a share of
 * corrections and withdrawals sent hours after what they replace. Every person is made up.
 */
final class SimulatedIncidents {

    enum Type { NOTIFICATION, CORRECTION, WITHDRAWAL }

    /** One document the force sends at {@code at}. */
    record Arrival(Instant at, Type type, String id, String xml) {}

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    /** Relative number of incidents reported in each hour of the day (local time): evening and night peaks. */
    private static final int[] HOURLY_SHAPE = {7, 6, 5, 4, 3, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 6, 7, 8, 9, 9, 9, 8};
    private static final String[] GIVEN = {"Zoë", "Siobhán", "Łukasz", "Aoife", "Oluwaseun", "Mírian", "Ngozi",
            "Dorothée", "Søren", "Ananya", "Tobias", "Perpetua", "Kai", "Maëlle", "Ibrahim", "Bethan", "Chidi",
            "Agnieszka", "Rhys", "Yusuf"};
    private static final String[] FAMILY = {"Ó Briain", "Kowalczyk", "Okonkwo", "Brackenbury", "Nguyễn",
            "Fernández", "Müller", "Papadopoulos", "Çelik", "Hughes-Ayodele", "Fairweather", "Lindqvist", "Quaye",
            "Abernethy", "Szabó"};

    private final SimulatedArea area;
    private final SplittableRandom random;
    private long sequence;

    SimulatedIncidents(SimulatedArea area, long seed) {
        this.area = area;
        this.random = new SplittableRandom(seed);
    }

    /** About {@code perDay} incidents a day from {@code start} for {@code length}, with what follows them. */
    List<Arrival> between(Instant start, Duration length, int perDay) {
        List<Arrival> arrivals = new ArrayList<>();
        int total = IntStream.of(HOURLY_SHAPE).sum();
        Instant end = start.plus(length);
        for (Instant hour = start.truncatedTo(ChronoUnit.HOURS); hour.isBefore(end); hour = hour.plus(Duration.ofHours(1))) {
            int weight = HOURLY_SHAPE[hour.atZone(LONDON).getHour()];
            double expected = perDay * (double) weight / total;
            int count = (int) expected + (random.nextDouble() < expected - (int) expected ? 1 : 0);
            for (int i = 0; i < count; i++) {
                Instant at = hour.plusSeconds(random.nextInt(3600));
                if (!at.isBefore(start) && at.isBefore(end)) {
                    arrivals.addAll(incident(at));
                }
            }
        }
        arrivals.sort(Comparator.comparing(Arrival::at));
        return arrivals;
    }

    private List<Arrival> incident(Instant createdAt) {
        List<Arrival> documents = new ArrayList<>();
        // The police write the notification some time after the incident: mostly within two hours.
        Duration reportingDelay = Duration.ofMinutes(random.nextDouble() < 0.7 ? 10 + random.nextInt(110)
                : 120 + random.nextInt(600));
        Instant incidentAt = createdAt.minus(reportingDelay).truncatedTo(ChronoUnit.SECONDS);
        String id = "DERBYS-DA-S" + (++sequence);
        String family = pick(FAMILY);
        Notifications notification = new Notifications().id(id).createdAt(createdAt.truncatedTo(ChronoUnit.SECONDS).toString())
                .incidentAt(incidentAt.toString()).riskLevel(risk())
                .victim(pick(GIVEN), family, LocalDate.ofInstant(createdAt, LONDON).minusYears(20 + random.nextInt(30))
                        .minusDays(random.nextInt(365)).toString())
                .perpetrator(pick(GIVEN), pick(FAMILY)).noChildren();
        int children = childCount();
        String familySchool = school();
        for (int c = 0; c < children; c++) {
            // Half of siblings go to the family's school, the others each to a school of their own.
            String school = random.nextBoolean() ? familySchool : school();
            notification.child(pick(GIVEN), family, birthDate(LocalDate.ofInstant(incidentAt, LONDON)), school);
        }
        documents.add(new Arrival(createdAt, Type.NOTIFICATION, id, notification.xml()));
        double after = random.nextDouble();
        if (after < 0.04) {
            Instant correctedAt = createdAt.plus(Duration.ofMinutes(30 + random.nextInt(330))).truncatedTo(ChronoUnit.SECONDS);
            String correction = "DERBYS-DA-S" + (++sequence);
            documents.add(new Arrival(correctedAt, Type.CORRECTION, correction,
                    notification.id(correction).supersedes(id).createdAt(correctedAt.toString()).riskLevel(risk()).xml()));
        } else if (after < 0.05) {
            Instant withdrawnAt = createdAt.plus(Duration.ofMinutes(60 + random.nextInt(660))).truncatedTo(ChronoUnit.SECONDS);
            String withdrawal = "DERBYS-DA-S" + (++sequence);
            documents.add(new Arrival(withdrawnAt, Type.WITHDRAWAL, withdrawal,
                    Notifications.withdrawal(withdrawal, id, withdrawnAt.toString())));
        }
        return documents;
    }

    /** HIGH, MEDIUM and STANDARD about as often as DASH assessments give them. */
    private String risk() {
        double r = random.nextDouble();
        return r < 0.15 ? "HIGH" : r < 0.45 ? "MEDIUM" : "STANDARD";
    }

    private int childCount() {
        double r = random.nextDouble();
        return r < 0.30 ? 0 : r < 0.65 ? 1 : r < 0.90 ? 2 : r < 0.97 ? 3 : 4;
    }

    /** A known school mostly; sometimes none recorded, sometimes one the directory does not list. */
    private String school() {
        double r = random.nextDouble();
        if (r < 0.10) {
            return null;
        }
        if (r < 0.15) {
            return String.valueOf(SimulatedArea.FIRST_URN - 1 - random.nextInt(10_000));
        }
        return area.urn(random.nextInt(area.schools()));
    }

    /**
     * Any age from newborn to seventeen; one child in four born within a few days of a date that
     * decides compulsory school age (a 5th birthday on a term's first day, a 16th at the end of
     * August), where an off-by-one would send or withhold a school's notification wrongly.
     */
    private String birthDate(LocalDate incident) {
        if (random.nextDouble() < 0.25) {
            int year = incident.getYear() - (random.nextBoolean() ? 5 : 16) - random.nextInt(2);
            LocalDate[] boundaries = {LocalDate.of(year, 8, 31), LocalDate.of(year, 12, 31), LocalDate.of(year, 3, 31)};
            return boundaries[random.nextInt(boundaries.length)].plusDays(random.nextInt(7) - 3).toString();
        }
        return incident.minusDays(1 + random.nextInt(18 * 365)).toString();
    }

    private String pick(String[] names) {
        return names[random.nextInt(names.length)];
    }
}
