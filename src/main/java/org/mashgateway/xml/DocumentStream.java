package org.mashgateway.xml;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.xml.XMLConstants;
import javax.xml.validation.ValidatorHandler;
import org.w3c.dom.DOMImplementation;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.ext.Locator2;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Follows one document as the parser streams it: refuses it as soon as it nests too deep or its
 * root is not a gateway document, builds its DOM, feeds the schema validator of its type and
 * checks the code rules on each element as it completes, keeping the path of the current
 * element so every problem can say where it is.
 */
final class DocumentStream extends DefaultHandler implements ValidationFindings.Position {

    /** Stops the parse at once for a reason that makes reading further pointless or unsafe. */
    static final class Refusal extends SAXException {
        private static final long serialVersionUID = 1L;
        final transient XmlError error;
        final RejectionReason reason;

        Refusal(RejectionReason reason, XmlError error) {
            super(reason.name());
            this.reason = reason;
            this.error = error;
        }
    }

    private static final class Frame {
        final String name;
        final Element element;
        final Map<String, Integer> childCounts = new HashMap<>();
        final String step;
        boolean hasChildElement;

        Frame(String name, Element element, String step) {
            this.name = name;
            this.element = element;
            this.step = step;
        }
    }

    private static final int SHOWN_STEPS = 12;

    private final int maxDepth;
    private final Function<DocumentType, ValidatorHandler> validators;
    private final ValidationFindings findings;
    private final Document document;
    private final Deque<Frame> frames = new ArrayDeque<>();
    private final List<String[]> pendingPrefixes = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private Locator locator;
    private DocumentType type;
    private ValidatorHandler validator;

    DocumentStream(int maxDepth, int maxErrors, DOMImplementation dom, Function<DocumentType, ValidatorHandler> validators) {
        this.maxDepth = maxDepth;
        this.validators = validators;
        this.findings = new ValidationFindings(this, maxErrors);
        this.document = dom.createDocument(null, null, null);
    }

    DocumentType type() {
        return type;
    }

    Document document() {
        return document;
    }

    ValidationFindings findings() {
        return findings;
    }

    boolean rootSeen() {
        return type != null || !frames.isEmpty();
    }

    @Override
    public void setDocumentLocator(Locator locator) {
        this.locator = locator;
    }

    @Override
    public void startPrefixMapping(String prefix, String uri) throws SAXException {
        pendingPrefixes.add(new String[] {prefix, uri});
        if (validator != null) {
            validator.startPrefixMapping(prefix, uri);
        }
    }

    @Override
    public void endPrefixMapping(String prefix) throws SAXException {
        if (validator != null) {
            validator.endPrefixMapping(prefix);
        }
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
        if (frames.size() >= maxDepth) {
            throw new Refusal(RejectionReason.TOO_DEEP, error(localName,
                    "elements are nested deeper than the limit of " + maxDepth));
        }
        if (frames.isEmpty()) {
            startRoot(uri, localName);
        }
        Frame parent = frames.peek();
        String step = localName;
        if (parent != null) {
            flushText(parent, true);
            parent.hasChildElement = true;
            int index = parent.childCounts.merge(uri + '\u0000' + localName, 1, Integer::sum);
            step = index > 1 ? localName + "[" + index + "]" : localName;
        }
        Element element = document.createElementNS(uri.isEmpty() ? null : uri, qName);
        for (String[] mapping : pendingPrefixes) {
            String name = mapping[0].isEmpty() ? XMLConstants.XMLNS_ATTRIBUTE : XMLConstants.XMLNS_ATTRIBUTE + ":" + mapping[0];
            element.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, name, mapping[1]);
        }
        pendingPrefixes.clear();
        for (int i = 0; i < attributes.getLength(); i++) {
            String attributeUri = attributes.getURI(i);
            element.setAttributeNS(attributeUri.isEmpty() ? null : attributeUri, attributes.getQName(i), attributes.getValue(i));
        }
        if (parent == null) {
            document.appendChild(element);
        } else {
            parent.element.appendChild(element);
        }
        frames.push(new Frame(localName, element, step));
        validator.startElement(uri, localName, qName, attributes);
    }

    private void startRoot(String uri, String localName) throws SAXException {
        if (locator instanceof Locator2 versioned && "1.1".equals(versioned.getXMLVersion())) {
            throw new Refusal(RejectionReason.NOT_WELL_FORMED, error(localName,
                    "XML 1.1 is not accepted; gateway documents are XML 1.0"));
        }
        type = DocumentType.of(uri, localName).orElseThrow(() -> new Refusal(RejectionReason.UNKNOWN_DOCUMENT,
                error(localName, localName + (uri.isEmpty() ? " (no namespace)" : " in namespace " + uri)
                        + " is not a gateway document; the root must be one of the documents in messages.md,"
                        + " each in its own namespace such as urn:mash-gateway:da-notification:1")));
        validator = validators.apply(type);
        validator.setErrorHandler(findings);
        if (locator != null) {
            validator.setDocumentLocator(locator);
        }
        validator.startDocument();
        for (String[] mapping : pendingPrefixes) {
            validator.startPrefixMapping(mapping[0], mapping[1]);
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        Frame frame = frames.element();
        flushText(frame, false);
        validator.endElement(uri, localName, qName);
        findings.flush();
        for (DocumentRules.Violation violation : DocumentRules.check(frame.element)) {
            findings.add(violation.reason(), line(), column(), path(), violation.message());
        }
        frames.pop();
    }

    @Override
    public void characters(char[] ch, int start, int length) throws SAXException {
        if (!frames.isEmpty()) {
            text.append(ch, start, length);
            validator.characters(ch, start, length);
        }
    }

    @Override
    public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
        characters(ch, start, length);
    }

    @Override
    public void endDocument() throws SAXException {
        if (validator != null) {
            validator.endDocument();
        }
    }

    /** Whitespace between elements is layout, not content: it is left out of the DOM. */
    private void flushText(Frame frame, boolean childFollows) {
        if (text.isEmpty()) {
            return;
        }
        boolean layout = (childFollows || frame.hasChildElement) && CanonicalXml.isXmlWhitespace(text);
        if (!layout) {
            frame.element.appendChild(document.createTextNode(text.toString()));
        }
        text.setLength(0);
    }

    private XmlError error(String element, String message) {
        return new XmlError(line(), column(), path(element), message);
    }

    private int line() {
        return locator == null ? 0 : Math.max(locator.getLineNumber(), 0);
    }

    private int column() {
        return locator == null ? 0 : Math.max(locator.getColumnNumber(), 0);
    }

    private String path(String next) {
        return path() + "/" + next;
    }

    /** The current element's path; a hostile nesting is shortened to its first and last steps. */
    @Override
    public String path() {
        StringBuilder path = new StringBuilder();
        int depth = frames.size();
        int position = 0;
        Iterator<Frame> outerFirst = frames.descendingIterator();
        while (outerFirst.hasNext()) {
            String step = outerFirst.next().step;
            if (depth <= SHOWN_STEPS || position < 2 || position >= depth - (SHOWN_STEPS - 3)) {
                path.append('/').append(step);
            } else if (position == 2) {
                path.append("/…");
            }
            position++;
        }
        return path.toString();
    }

    @Override
    public String currentName() {
        Frame frame = frames.peek();
        return frame == null ? "document" : frame.name;
    }

    @Override
    public String parentName() {
        if (frames.size() < 2) {
            return "document";
        }
        Iterator<Frame> innerFirst = frames.iterator();
        innerFirst.next();
        return innerFirst.next().name;
    }
}
