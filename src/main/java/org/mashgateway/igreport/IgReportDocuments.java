package org.mashgateway.igreport;

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
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.mashgateway.igreport.IgReport.Figure;
import org.mashgateway.igreport.IgReport.Section;
import org.mashgateway.pdf.PdfFonts;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

/** An {@link IgReport} as a PDF (OpenPDF, ADR 0015) for the board's papers, or a CSV of the same figures. */
final class IgReportDocuments {

    private static final DateTimeFormatter UK_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")
            .withZone(IgReports.UK);
    private static final CsvMapper CSV = CsvMapper.builder().build();

    private IgReportDocuments() {}

    static String fileName(IgReport report, String extension) {
        return "ig-report-" + report.force() + "-" + report.month() + "." + extension;
    }

    static byte[] csv(IgReport report) {
        CsvSchema schema = CsvSchema.builder().addColumn("month").addColumn("force").addColumn("section")
                .addColumn("figure").addColumn("value").addColumn("source").build().withHeader();
        List<List<String>> lines = new ArrayList<>();
        for (Section section : report.sections()) {
            for (Figure figure : section.figures()) {
                lines.add(List.of(report.month().toString(), report.force(), section.id(), figure.label(),
                        String.valueOf(figure.value()), section.source()));
            }
        }
        return CSV.writer(schema).writeValueAsBytes(lines);
    }

    static byte[] pdf(IgReport report) {
        BaseFont unicode = PdfFonts.unicode();
        Font title = new Font(unicode, 16);
        Font heading = new Font(unicode, 12);
        Font body = new Font(unicode, 9);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Document document = new Document(PageSize.A4, 36, 36, 36, 36);
        PdfWriter.getInstance(document, out);
        document.addTitle("Information-governance report " + report.month() + " " + report.force());
        document.addCreator("mash-gateway");
        document.open();
        document.add(new Paragraph("OFFICIAL", body));
        document.add(new Paragraph("Information-governance report", title));
        document.add(new Paragraph(report.forceName() + " (" + report.force() + "), " + report.month()
                + " (UK calendar month)", body));
        document.add(new Paragraph("Made " + UK_TIME.format(report.madeAt()) + " by mash-gateway. Counts only: "
                + "no personal data.", body));
        for (Section section : report.sections()) {
            document.add(Chunk.NEWLINE);
            document.add(new Paragraph(section.title(), heading));
            document.add(new Paragraph("From the " + section.source() + ".", body));
            PdfPTable table = new PdfPTable(new float[] {6, 1});
            table.setWidthPercentage(100);
            if (section.figures().isEmpty()) {
                table.addCell(cell("None this month", body, Element.ALIGN_LEFT));
                table.addCell(cell("0", body, Element.ALIGN_RIGHT));
            }
            for (Figure figure : section.figures()) {
                table.addCell(cell(figure.label(), body, Element.ALIGN_LEFT));
                table.addCell(cell(String.valueOf(figure.value()), body, Element.ALIGN_RIGHT));
            }
            document.add(table);
        }
        document.close();
        return out.toByteArray();
    }

    private static PdfPCell cell(String text, Font font, int alignment) {
        PdfPCell cell = new PdfPCell(new Phrase(text, font));
        cell.setPadding(3);
        cell.setHorizontalAlignment(alignment);
        return cell;
    }
}
