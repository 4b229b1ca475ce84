package org.mashgateway.igreport;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * One month's figures for one force, in sections; every figure is a count (or, where its label says
 * so, a number of minutes), never anything about a person.
 */
record IgReport(YearMonth month, String force, String forceName, Instant madeAt, List<Section> sections) {

    IgReport {
        sections = List.copyOf(sections);
    }

    /**
     * @param id a stable name for the section (the CSV's first column)
     * @param source where the figures are read from, said on the page and in the PDF
     */
    record Section(String id, String title, String source, List<Figure> figures) {

        Section {
            figures = List.copyOf(figures);
        }

        /** The largest figure, which a chart's longest bar stands for (at least 1, so no bar divides by 0). */
        public long largest() {
            return Math.max(1, figures.stream().mapToLong(Figure::value).max().orElse(0));
        }
    }

    record Figure(String label, long value) {

        /** The length of this figure's bar in a chart whose longest bar is {@code width} for {@code largest}. */
        public long bar(long largest, int width) {
            return Math.round((double) value * width / largest);
        }
    }

    Section section(String id) {
        return sections.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }
}
