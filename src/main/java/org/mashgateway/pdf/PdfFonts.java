package org.mashgateway.pdf;

import com.lowagie.text.pdf.BaseFont;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The font of every PDF the gateway makes: embedded, so any name prints as typed on any reader. */
public final class PdfFonts {

    /** Bundled with OpenPDF: covers Latin, Greek and Cyrillic; nothing is read from the machine. */
    private static final String UNICODE = "font-fallback/LiberationSans-Regular.ttf";

    private PdfFonts() {}

    public static BaseFont unicode() {
        try {
            return BaseFont.createFont(UNICODE, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
        } catch (IOException e) {
            throw new UncheckedIOException("the PDF font bundled with OpenPDF is missing", e);
        }
    }
}
