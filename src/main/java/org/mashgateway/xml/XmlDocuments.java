package org.mashgateway.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.ValidatorHandler;
import org.w3c.dom.DOMImplementation;
import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;

/**
 * The gateway's one way to read and check XML: every document that arrives (HTTPS, queue, mail)
 * and every document the gateway builds goes through here.
 *
 * <p>Reading is hardened once for all callers: the size is checked before parsing; DOCTYPEs are
 * refused, so no entity is ever declared, expanded or fetched; nothing external is loaded
 * (secure processing on, external DTD and schema access empty, XInclude off); nesting is limited
 * while streaming, so a hostile 10,000-deep document costs almost nothing. The root element
 * decides the {@link DocumentType}, whose schema validates the document, and then the rules XSD
 * 1.0 cannot express are checked in code ({@link DocumentRules}).
 *
 * <p>Thread-safe. Compiled schemas are shared; each thread keeps its own parser and validators
 * (reused, never {@code reset()}: that fails once secure processing is on).
 */
public class XmlDocuments {

    /** At most this many problems are reported for one document; the rest are only counted. */
    public static final int MAX_REPORTED_ERRORS = 20;

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final String XERCES_LOCALE = "http://apache.org/xml/properties/locale";

    private final long maxBytes;
    private final int maxDepth;
    private final Map<DocumentType, Schema> schemas;
    private final SAXParserFactory parsers;
    /** Creates empty documents only (the gateway's own outputs); nothing is ever parsed with it. */
    private static final DOMImplementation DOM = domImplementation();

    private final ThreadLocal<XMLReader> reader;
    private final ThreadLocal<Map<DocumentType, ValidatorHandler>> validators =
            ThreadLocal.withInitial(() -> new EnumMap<>(DocumentType.class));

    /**
     * @param maxBytes the largest document accepted, in bytes ({@code mash.ingress.max-bytes})
     * @param maxDepth the deepest element nesting accepted ({@code mash.ingress.max-depth})
     */
    public XmlDocuments(long maxBytes, int maxDepth) {
        if (maxBytes < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("maxBytes and maxDepth must be positive");
        }
        this.maxBytes = maxBytes;
        this.maxDepth = maxDepth;
        this.schemas = SchemaCatalogue.compileAll();
        this.parsers = hardenedParserFactory();
        this.reader = ThreadLocal.withInitial(this::newReader);
    }

    /**
     * An empty, namespace-aware document for building one of the gateway's own outputs; the one
     * place the gateway makes DOMs besides {@link #read(byte[])}. {@code rootName} null gives a
     * document with no root yet.
     */
    public static Document newDocument(String namespace, String rootName) {
        return DOM.createDocument(namespace, rootName, null);
    }

    /** The largest document {@link #read(byte[])} accepts, in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Reads, validates and canonicalises one received document.
     *
     * @throws DocumentRejectedException if the document is too large, not well-formed, carries a
     *     DOCTYPE, nests too deep, is not a gateway document, or breaks its schema or rules
     */
    public ParsedDocument read(byte[] body) throws DocumentRejectedException {
        if (body.length > maxBytes) {
            throw tooLarge();
        }
        return parse(body);
    }

    /**
     * Reads a document from a stream, taking at most {@code maxBytes + 1} bytes from it, so an
     * oversized body is refused without being held in memory.
     *
     * @throws IOException if the stream fails
     * @throws DocumentRejectedException as {@link #read(byte[])}
     */
    public ParsedDocument read(InputStream body) throws IOException, DocumentRejectedException {
        byte[] bytes = body.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8L));
        if (bytes.length > maxBytes) {
            throw tooLarge();
        }
        return parse(bytes);
    }

    /**
     * Checks a document the gateway built against the schema and rules of {@code type}, before it
     * leaves. No size limit applies: an agency notification embeds a whole police document.
     *
     * @throws DocumentRejectedException if the root is not {@code type}'s or the document breaks
     *     the schema or rules
     */
    public void validate(DocumentType type, Document document) throws DocumentRejectedException {
        if (document.getDocumentElement() == null) {
            throw new DocumentRejectedException(RejectionReason.UNKNOWN_DOCUMENT, null,
                    List.of(new XmlError(0, 0, "", "the document has no root element; expected a " + type.rootName())));
        }
        ParsedDocument parsed = parse(CanonicalXml.of(document));
        if (parsed.type() != type) {
            throw new DocumentRejectedException(RejectionReason.UNKNOWN_DOCUMENT, parsed.type(), List.of(new XmlError(0, 0,
                    "/" + parsed.type().rootName(), parsed.type().rootName() + ": expected a " + type.rootName())));
        }
    }

    /** The canonical form of {@code document}: equal bytes mean the same content. */
    public byte[] canonicalForm(Document document) {
        return CanonicalXml.of(document);
    }

    private ParsedDocument parse(byte[] body) throws DocumentRejectedException {
        DocumentStream stream = new DocumentStream(maxDepth, MAX_REPORTED_ERRORS, DOM, this::validatorFor);
        XMLReader xml = reader.get();
        xml.setContentHandler(stream);
        xml.setErrorHandler(STRICT);
        boolean complete = false;
        try {
            xml.parse(new InputSource(new ByteArrayInputStream(body)));
            complete = true;
        } catch (DocumentStream.Refusal refusal) {
            throw new DocumentRejectedException(refusal.reason, stream.type(), List.of(refusal.error));
        } catch (SAXParseException notWellFormed) {
            throw notWellFormed(stream, notWellFormed);
        } catch (SAXException | IOException unreadable) {
            throw rejected(stream, RejectionReason.NOT_WELL_FORMED,
                    new XmlError(0, 0, stream.path(), "the document could not be read as XML 1.0"));
        } finally {
            xml.setContentHandler(null);
            if (!complete && stream.type() != null) {
                // a validator left in the middle of a document is not trusted with the next one
                validators.get().remove(stream.type());
            }
        }
        ValidationFindings findings = stream.findings();
        if (!findings.isEmpty()) {
            throw new DocumentRejectedException(mainReason(findings.reasons()), stream.type(), findings.errors());
        }
        return new ParsedDocument(stream.type(), stream.document(), CanonicalXml.of(stream.document()));
    }

    private DocumentRejectedException notWellFormed(DocumentStream stream, SAXParseException exception) {
        String message = String.valueOf(exception.getMessage());
        if (!stream.rootSeen() && message.contains(DISALLOW_DOCTYPE)) {
            return rejected(stream, RejectionReason.DTD_FORBIDDEN, new XmlError(exception.getLineNumber(), exception.getColumnNumber(), "",
                    "a DOCTYPE is not allowed: gateway documents carry no DTD and no entity declarations"));
        }
        // the parser's own message may quote content, so only the position is taken from it
        return rejected(stream, RejectionReason.NOT_WELL_FORMED, new XmlError(exception.getLineNumber(), exception.getColumnNumber(),
                stream.path(), "not well-formed XML 1.0 at this position (for example an unclosed or mismatched tag,"
                        + " an unescaped & or <, an undeclared prefix, or bytes that are not valid in the declared encoding)"));
    }

    /** A fatal parse error still reports a prohibited classification seen before it, for the security alert. */
    private static DocumentRejectedException rejected(DocumentStream stream, RejectionReason reason, XmlError error) {
        ValidationFindings findings = stream.findings();
        if (findings.reasons().contains(RejectionReason.CLASSIFICATION_NOT_PERMITTED)) {
            List<XmlError> errors = new ArrayList<>(findings.errors());
            errors.add(error);
            return new DocumentRejectedException(RejectionReason.CLASSIFICATION_NOT_PERMITTED, stream.type(), errors);
        }
        return new DocumentRejectedException(reason, stream.type(), List.of(error));
    }

    private static RejectionReason mainReason(Set<RejectionReason> reasons) {
        for (RejectionReason reason : List.of(RejectionReason.CLASSIFICATION_NOT_PERMITTED,
                RejectionReason.SCHEMA_INVALID, RejectionReason.INVALID_NHS_NUMBER)) {
            if (reasons.contains(reason)) {
                return reason;
            }
        }
        return RejectionReason.SCHEMA_INVALID;
    }

    private DocumentRejectedException tooLarge() {
        return new DocumentRejectedException(RejectionReason.TOO_LARGE, null, List.of(new XmlError(0, 0, "",
                "the document is larger than the limit of " + maxBytes + " bytes")));
    }

    private ValidatorHandler validatorFor(DocumentType type) {
        return validators.get().computeIfAbsent(type, this::newValidator);
    }

    private ValidatorHandler newValidator(DocumentType type) {
        ValidatorHandler handler = schemas.get(type).newValidatorHandler();
        try {
            handler.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            handler.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            handler.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            // messages are read only for their key and schema-side facts, whose wording is English
            handler.setProperty(XERCES_LOCALE, Locale.ENGLISH);
        } catch (SAXNotRecognizedException | SAXNotSupportedException e) {
            throw new IllegalStateException("the XML validator cannot be hardened", e);
        }
        return handler;
    }

    private XMLReader newReader() {
        try {
            XMLReader xml;
            synchronized (parsers) {
                xml = parsers.newSAXParser().getXMLReader();
            }
            xml.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            xml.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            xml.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are never resolved");
            });
            return xml;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the XML parser cannot be hardened", e);
        }
    }

    private static SAXParserFactory hardenedParserFactory() {
        try {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setValidating(false);
            factory.setXIncludeAware(false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(DISALLOW_DOCTYPE, true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return factory;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the XML parser cannot be hardened", e);
        }
    }

    private static DOMImplementation domImplementation() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // only used to create empty documents; nothing is ever parsed with it
            return factory.newDocumentBuilder().getDOMImplementation();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no DOM implementation", e);
        }
    }

    /** Well-formedness problems end the parse; the handler reports them in our own words. */
    private static final ErrorHandler STRICT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException exception) {
            // parser warnings carry no verdict on the document
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    };
}
