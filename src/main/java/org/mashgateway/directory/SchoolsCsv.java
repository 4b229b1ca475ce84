package org.mashgateway.directory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectReader;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

/**
 * Schools from a CSV in the shape of the DfE "Get Information about Schools" extract, with the
 * gateway's columns added: {@code URN,EstablishmentName,SafeguardingEmail,CertificateFile,Protection}.
 * The first three are required, the last two may be left empty (no certificate; smime); other
 * columns are ignored, so a GIAS extract with the three added columns can be used as it is.
 * A school already in the directory YAML keeps its YAML entry.
 */
final class SchoolsCsv {

    static final String URN = "URN";
    static final String NAME = "EstablishmentName";
    static final String EMAIL = "SafeguardingEmail";
    static final String CERTIFICATE = "CertificateFile";
    static final String PROTECTION = "Protection";

    private static final ObjectReader CSV = CsvMapper.builder()
            .enable(CsvReadFeature.TRIM_SPACES)
            .enable(CsvReadFeature.TRIM_HEADER_SPACES)
            .enable(CsvReadFeature.SKIP_EMPTY_LINES)
            .build()
            .readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader());

    private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"");

    private final DirectorySource source;
    private final CertificateFiles certificates;

    SchoolsCsv(DirectorySource source, CertificateFiles certificates) {
        this.source = source;
        this.certificates = certificates;
    }

    void addTo(DirectorySnapshot.Builder builder) {
        try (Reader reader = withoutByteOrderMark(source)) {
            MappingIterator<Map<String, String>> rows = CSV.readValues(reader);
            requireColumns((CsvSchema) rows.parserSchema());
            // Row numbers as a spreadsheet shows them: the header is row 1.
            int row = 1;
            while (rows.hasNextValue()) {
                row++;
                addRow(builder, rows.nextValue(), row);
            }
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? "" : " near line " + e.getLocation().getLineNr();
            throw new DirectoryLoadException(source.location() + ":" + where + " not a readable CSV ("
                    + withoutQuotedValues(e.getOriginalMessage()) + ")");
        } catch (IOException e) {
            throw new DirectoryLoadException(
                    source.location() + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void requireColumns(CsvSchema header) {
        for (String column : List.of(URN, NAME, EMAIL)) {
            if (header.column(column) == null) {
                throw new DirectoryLoadException(source.location() + ": the header has no column " + column
                        + "; expected " + String.join(",", URN, NAME, EMAIL, CERTIFICATE, PROTECTION));
            }
        }
    }

    private void addRow(DirectorySnapshot.Builder builder, Map<String, String> row, int number) {
        String urn = row.get(URN);
        String entry = source.location() + ": row " + number + (EntryRules.isUrn(urn) ? " (URN " + urn + ")" : "");
        if (!EntryRules.isUrn(urn)) {
            throw new DirectoryLoadException(entry + ": URN must be exactly 6 digits");
        }
        if (builder.hasYamlSchool(urn)) {
            return;
        }
        String certificateFiles = row.get(CERTIFICATE);
        List<String> locations = certificateFiles == null || certificateFiles.isBlank()
                ? List.of()
                : Arrays.stream(certificateFiles.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        builder.add(entry, new School(
                urn,
                EntryRules.requireName(entry, row.get(NAME)),
                EntryRules.requireEmail(entry, EMAIL, row.get(EMAIL)),
                null,
                DirectoryLoader.certificates(locations, entry, certificates),
                EntryRules.protection(entry, row.get(PROTECTION))), true);
    }

    /** Jackson quotes the offending cell ("Too many entries … \"value\""), which may hold a name. */
    private static String withoutQuotedValues(String message) {
        String firstLine = message == null ? "" : message.lines().findFirst().orElse("");
        return QUOTED.matcher(firstLine).replaceAll("\"…\"");
    }

    /** Spreadsheet programs often save UTF-8 with a byte order mark, which would otherwise become part of "URN". */
    private static Reader withoutByteOrderMark(DirectorySource source) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(source.open(), StandardCharsets.UTF_8));
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
    }
}
