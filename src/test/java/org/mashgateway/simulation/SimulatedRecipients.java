package org.mashgateway.simulation;

import jakarta.mail.internet.MimeMessage;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mashgateway.schoolday.SchoolCalendar;
import org.mashgateway.support.DemoPki;
import org.mashgateway.support.OpenedMail;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The people at the other end: each mail that carries an acknowledgement link is opened with its
 * recipient's key and, unless this recipient is one of those who never acknowledge, acknowledged
 * through the link (the page, then its button) after a delay a real recipient would take: a
 * school's safeguarding lead when they start work on the next school day (or within two hours in
 * school hours), an agency's duty team within hours of receipt.
 */
final class SimulatedRecipients {

    private static final Pattern LINK = Pattern.compile("/ack/([A-Za-z0-9_-]{22})");
    private static final Pattern TITLE = Pattern.compile("<title>([^<]*)</title>");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Pattern MESSAGE_ID = Pattern.compile("<(MGW-[^@>]+)@mash-gateway>");
    static final double SCHOOLS_NEVER = 0.12;
    static final double AGENCIES_NEVER = 0.10;

    private record Due(Instant at, String token) {}

    private final JdbcTemplate store;
    private final SchoolCalendar calendar;
    private final int port;
    private final SplittableRandom random;
    private final PriorityQueue<Due> due = new PriorityQueue<>((a, b) -> a.at().compareTo(b.at()));
    private final HttpClient browser = HttpClient.newBuilder().sslContext(DemoPki.clientWithoutCertificate())
            .cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();
    private int acknowledged;
    /** How the link pages answered, by method and status: a withdrawn share's page answers 410, say. */
    private final Map<String, Integer> answers = new TreeMap<>();

    SimulatedRecipients(JdbcTemplate store, SchoolCalendar calendar, int port, long seed) {
        this.store = store;
        this.calendar = calendar;
        this.port = port;
        this.random = new SplittableRandom(seed);
    }

    int acknowledged() {
        return acknowledged;
    }

    Map<String, Integer> answers() {
        return answers;
    }

    /** Reads mail that arrived at {@code now}: whoever will acknowledge it notes when. */
    void received(List<MimeMessage> mails, Instant now) throws Exception {
        for (MimeMessage mail : mails) {
            Matcher id = MESSAGE_ID.matcher(String.valueOf(mail.getMessageID()));
            if (!id.matches()) {
                continue; // a deputy's copy or an alert: nobody acknowledges those by link
            }
            List<String> recipient = store.queryForList("SELECT d.recipient_type || ' ' || d.recipient FROM delivery d "
                    + "JOIN acknowledgement_link l ON l.output_reference = d.output_reference WHERE d.output_reference = ?",
                    String.class, id.group(1));
            if (recipient.isEmpty()) {
                continue; // no link: a MEDIUM or STANDARD agency copy
            }
            String[] typeAndCode = recipient.get(0).split(" ", 2);
            boolean school = typeAndCode[0].equals("SCHOOL");
            if (random.nextDouble() < (school ? SCHOOLS_NEVER : AGENCIES_NEVER)) {
                continue;
            }
            String identity = school ? SimulatedArea.identityOf(typeAndCode[1]) : "agency-" + typeAndCode[1];
            Matcher link = LINK.matcher(OpenedMail.openedBy(identity, mail));
            if (!link.find()) {
                throw new AssertionError("mail " + id.group(1) + " has an acknowledgement link on record but none inside");
            }
            due.add(new Due(school ? schoolAcknowledges(now) : now.plus(Duration.ofMinutes(20 + random.nextInt(12 * 60))),
                    link.group(1)));
        }
    }

    /** When the next acknowledgement is due, if any. */
    Optional<Instant> next() {
        return Optional.ofNullable(due.peek()).map(Due::at);
    }

    /** Acknowledges, through the link's page, everything due by {@code now}. */
    void acknowledgeDue(Instant now) throws Exception {
        while (!due.isEmpty() && !due.peek().at().isAfter(now)) {
            String token = due.poll().token();
            HttpResponse<String> page = get("/ack/" + token);
            answers.merge("GET " + page.statusCode() + " " + titleOf(page.body()), 1, Integer::sum);
            if (page.statusCode() != 200) {
                continue; // withdrawn or replaced meanwhile: the page says so, and there is nothing to confirm
            }
            Matcher csrf = CSRF.matcher(page.body());
            if (!csrf.find()) {
                throw new AssertionError("the acknowledgement page holds no CSRF token");
            }
            HttpResponse<String> confirmed = browser.send(HttpRequest.newBuilder(uri("/ack/" + token))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)))
                    .build(), HttpResponse.BodyHandlers.ofString());
            answers.merge("POST " + confirmed.statusCode(), 1, Integer::sum);
            if (confirmed.statusCode() == 200) {
                acknowledged++;
            }
        }
    }

    /**
     * A school reads its mail in school hours: within two hours when it arrives during the school
     * day, else between 06:30 and 09:00 of the next school day (some before the gateway's
     * escalation an hour before 08:00, most after it).
     */
    private Instant schoolAcknowledges(Instant received) {
        ZonedDateTime local = received.atZone(SimulatedIncidents.LONDON);
        LocalTime time = local.toLocalTime();
        if (calendar.isSchoolDay(local.toLocalDate()) && !time.isBefore(LocalTime.of(8, 0))
                && time.isBefore(LocalTime.of(15, 30))) {
            return received.plus(Duration.ofMinutes(5 + random.nextInt(115)));
        }
        LocalDate day = time.isBefore(LocalTime.of(6, 30)) ? local.toLocalDate() : local.toLocalDate().plusDays(1);
        while (!calendar.isSchoolDay(day)) {
            day = day.plusDays(1);
        }
        return day.atTime(LocalTime.of(6, 30)).atZone(SimulatedIncidents.LONDON).toInstant()
                .plus(Duration.ofMinutes(random.nextInt(150)));
    }

    private static String titleOf(String page) {
        Matcher title = TITLE.matcher(page);
        return title.find() ? title.group(1) : "(no title)";
    }

    private HttpResponse<String> get(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("https://localhost:" + port + path);
    }
}
