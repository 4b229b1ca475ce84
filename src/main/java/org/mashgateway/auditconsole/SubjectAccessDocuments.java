package org.mashgateway.auditconsole;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.mashgateway.audit.ChainVerification;
import org.mashgateway.audit.DecisionRecord;
import org.mashgateway.auditconsole.StoredContent.Content;
import org.mashgateway.auditconsole.SubjectAccessReport.Row;
import org.mashgateway.pdf.PdfFonts;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * A {@link SubjectAccessReport} as a document a DPO can send: a PDF (OpenPDF; an embedded Unicode
 * font, so any name prints as typed) or a CSV (Jackson) of the same rows.
 */
final class SubjectAccessDocuments {

    static final List<String> COLUMNS = List.of("record", "recorded_at", "decision", "reason_code", "recipient_class",
            "recipient", "recipient_name", "sender", "gateway_reference", "concerns", "document_type", "lawful_basis",
            "policy_version", "minimisation_profile", "fields_shared", "fields_dropped", "content_held", "chain_verified",
            "record_hash", "content");

    private static final DateTimeFormatter UK_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z")
            .withZone(SubjectAccessReports.UK);
    private static final CsvMapper CSV = CsvMapper.builder().build();

    private SubjectAccessDocuments() {}

    static String time(Instant instant) {
        return UK_TIME.format(instant);
    }

    /** One line a person reads: what the chain verification says about the rows. */
    static String chainSentence(ChainVerification chain) {
        if (chain.ok()) {
            return "The decision record verified intact when this report was made: " + chain.recordsChecked()
                    + " records checked, head record " + chain.lastRecordId() + " with hash " + chain.lastHash()
                    + (chain.checkpoint() == null ? "." : ", agreeing with the signed checkpoint of record "
                            + chain.checkpoint().recordId() + ".");
        }
        return "The decision record did NOT verify: broken at " + chain.brokenAt() + " (" + chain.problem()
                + "). Rows from that record on are marked not verified and must not be relied on.";
    }

    static byte[] csv(SubjectAccessReport report) {
        CsvSchema.Builder schema = CsvSchema.builder();
        COLUMNS.forEach(schema::addColumn);
        Map<String, String> contentByReference = report.contents().stream()
                .collect(Collectors.toMap(Content::reference, SubjectAccessDocuments::contentText, (a, b) -> a));
        Set<String> given = new HashSet<>();
        List<List<String>> lines = new ArrayList<>();
        for (Row row : report.rows()) {
            DecisionRecord r = row.record();
            // Each document's content once, on the first row that names it.
            String content = r.gatewayReference() != null && given.add(r.gatewayReference())
                    ? contentByReference.getOrDefault(r.gatewayReference(), "") : "";
            lines.add(List.of(String.valueOf(r.recordId()), time(r.at()), r.decision().name(), text(r.reasonCode()),
                    row.recipientClass(), text(r.recipient()), row.recipientName(), text(r.sender()),
                    text(r.gatewayReference()), row.concerns(), text(r.documentType()), text(r.lawfulBasis()), text(r.policyVersion()),
                    text(r.minimisationProfile()), String.join(" ", r.fieldsShared()), String.join(" ", r.fieldsDropped()),
                    row.held().name(), report.verified(row) ? "YES" : "NO", r.hash(), content).stream()
                    .map(SubjectAccessDocuments::cell)
                    .toList());
        }
        return CSV.writer(schema.build().withHeader()).writeValueAsBytes(lines);
    }

    static byte[] pdf(SubjectAccessReport report) {
        BaseFont unicode = PdfFonts.unicode();
        Font title = new Font(unicode, 16);
        Font heading = new Font(unicode, 11);
        Font body = new Font(unicode, 9);
        Font small = new Font(unicode, 6.5f);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4.rotate(), 28, 28, 28, 28);
        PdfWriter.getInstance(document, out);
        document.addTitle("Subject access report");
        document.addCreator("mash-gateway");
        document.open();
        document.add(new Paragraph("OFFICIAL-SENSITIVE", body));
        document.add(new Paragraph("Subject access report", title));
        document.add(new Paragraph("Subject: " + report.subject(), body));
        document.add(new Paragraph("Period: " + (report.from() == null ? "from the first record" : "from " + report.from())
                + (report.to() == null ? " to the last" : " to " + report.to() + " inclusive") + " (UK days)", body));
        document.add(new Paragraph("Made " + time(report.generatedAt()) + " by " + report.generatedBy()
                + "; recorded as decision record " + report.exportRecordId() + ".", body));
        document.add(new Paragraph(chainSentence(report.chain()), body));
        document.add(new Paragraph(report.rows().size() + " decisions about the subject.", body));
        document.add(Chunk.NEWLINE);
        List<String> bases = report.rows().stream().map(row -> row.record().lawfulBasis())
                .filter(basis -> basis != null).distinct().toList();
        document.add(rowsTable(report, bases, small));
        if (!bases.isEmpty()) {
            document.add(Chunk.NEWLINE);
            document.add(new Paragraph("Lawful bases cited", heading));
            for (int i = 0; i < bases.size(); i++) {
                document.add(new Paragraph("[" + (i + 1) + "] " + bases.get(i), body));
            }
        }
        if (report.withContent()) {
            document.newPage();
            document.add(new Paragraph("Content of the documents still held", heading));
            document.add(new Paragraph("These documents may name other people (family members, the adults involved): "
                    + "review them before sending, as the right of access does not extend to other people's data.", body));
            for (Content content : report.contents()) {
                document.add(Chunk.NEWLINE);
                document.add(new Paragraph(content.reference() + (content.documentType() == null ? " (as received)"
                        : " (" + content.documentType() + " as sent)"), heading));
                document.add(new Paragraph(contentText(content), small));
            }
        } else {
            document.add(Chunk.NEWLINE);
            document.add(new Paragraph("The documents' content is not in this report.", body));
        }
        document.close();
        return out.toByteArray();
    }

    /**
     * One line per decision; a lawful basis (a paragraph of policy text, the same on many rows) is
     * cited by its number in the list that follows the table.
     */
    private static PdfPTable rowsTable(SubjectAccessReport report, List<String> bases, Font font) {
        List<String> headings = List.of("Record", "Recorded (UK)", "Decision, reason", "Recipient", "Reference",
                "Concerns", "Document, profile", "Basis, policy", "Fields shared", "Fields dropped", "Content", "Chain");
        PdfPTable table = new PdfPTable(new float[] {3.5f, 7, 8, 5.5f, 10, 10, 9.5f, 4.5f, 22, 10, 5, 3});
        table.setWidthPercentage(100);
        table.setHeaderRows(1);
        table.setSplitLate(false); // a tall row continues on the next page rather than leaving this one blank
        headings.forEach(h -> table.addCell(cell(h, font, true)));
        for (Row row : report.rows()) {
            DecisionRecord r = row.record();
            Function<String, PdfPCell> c = value -> cell(value, font, false);
            table.addCell(c.apply(String.valueOf(r.recordId())));
            table.addCell(c.apply(time(r.at())));
            table.addCell(c.apply((r.decision().name() + "\n" + text(r.reasonCode())).strip()));
            table.addCell(c.apply((row.recipientClass() + "\n" + text(r.recipient()) + "\n" + row.recipientName())
                    .strip()));
            table.addCell(c.apply(text(r.gatewayReference())));
            table.addCell(c.apply(row.concerns()));
            table.addCell(c.apply((text(r.documentType()) + "\n" + text(r.minimisationProfile())).strip()));
            String basis = r.lawfulBasis() == null ? "" : "[" + (bases.indexOf(r.lawfulBasis()) + 1) + "]";
            table.addCell(c.apply((basis + "\n" + text(r.policyVersion())).strip()));
            table.addCell(c.apply(fields(r.fieldsShared())));
            table.addCell(c.apply(fields(r.fieldsDropped())));
            table.addCell(c.apply(row.held().name()));
            table.addCell(c.apply(report.verified(row) ? "yes" : "NO"));
        }
        return table;
    }

    private static PdfPCell cell(String value, Font font, boolean heading) {
        PdfPCell cell = new PdfPCell(new Phrase(value, font));
        cell.setPadding(2);
        cell.setVerticalAlignment(Element.ALIGN_TOP);
        if (heading) {
            cell.setGrayFill(0.9f);
        }
        return cell;
    }

    /** Element paths below the document's root (which the Document column names), one after another. */
    private static String fields(List<String> paths) {
        return paths.stream()
                .map(path -> path.indexOf('/') > 0 ? path.substring(path.indexOf('/') + 1) : path)
                .collect(Collectors.joining(", "));
    }

    private static String contentText(Content content) {
        return content.isOutput() ? content.title() + "\n\n" + content.text() : content.xml();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /** A cell a spreadsheet will not run: a leading =, +, - or @ is quoted away (OWASP, CSV injection). */
    static String cell(String value) {
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value;
    }
}
