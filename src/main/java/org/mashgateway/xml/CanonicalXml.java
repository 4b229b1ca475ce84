package org.mashgateway.xml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Writes a document in one fixed form so that two sendings of the same content give the same
 * bytes, whatever their indentation, attribute order, prefixes or encoding declaration.
 *
 * <p>The form, close to Exclusive C14N without comments: UTF-8, no XML declaration; every element
 * unprefixed, with {@code xmlns="…"} written only where its namespace differs from its parent's;
 * attributes sorted by namespace then local name, namespaced ones under prefixes {@code n1, n2…}
 * declared on the element; whitespace-only text between child elements dropped, other text kept
 * exactly; comments and processing instructions dropped; empty elements as start and end tag.
 */
final class CanonicalXml {

    private static final Comparator<Attr> ATTRIBUTE_ORDER = Comparator
            .comparing((Attr a) -> namespaceOf(a))
            .thenComparing(CanonicalXml::localNameOf);

    private CanonicalXml() {
    }

    static byte[] of(Document document) {
        StringBuilder out = new StringBuilder(4096);
        writeElement(document.getDocumentElement(), "", out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void writeElement(Element element, String inheritedNamespace, StringBuilder out) {
        String namespace = namespaceOf(element);
        String name = localNameOf(element);
        out.append('<').append(name);
        if (!namespace.equals(inheritedNamespace)) {
            out.append(" xmlns=\"");
            escapeAttribute(namespace, out);
            out.append('"');
        }
        writeAttributes(element, out);
        out.append('>');
        writeChildren(element, namespace, out);
        out.append("</").append(name).append('>');
    }

    private static void writeAttributes(Element element, StringBuilder out) {
        List<Attr> attributes = new ArrayList<>();
        NamedNodeMap map = element.getAttributes();
        for (int i = 0; i < map.getLength(); i++) {
            Attr attribute = (Attr) map.item(i);
            if (!isNamespaceDeclaration(attribute)) {
                attributes.add(attribute);
            }
        }
        attributes.sort(ATTRIBUTE_ORDER);
        TreeSet<String> namespaces = new TreeSet<>();
        for (Attr attribute : attributes) {
            String namespace = namespaceOf(attribute);
            if (!namespace.isEmpty()) {
                namespaces.add(namespace);
            }
        }
        List<String> prefixed = new ArrayList<>(namespaces);
        for (int i = 0; i < prefixed.size(); i++) {
            out.append(" xmlns:n").append(i + 1).append("=\"");
            escapeAttribute(prefixed.get(i), out);
            out.append('"');
        }
        for (Attr attribute : attributes) {
            String namespace = namespaceOf(attribute);
            out.append(' ');
            if (!namespace.isEmpty()) {
                out.append('n').append(prefixed.indexOf(namespace) + 1).append(':');
            }
            out.append(localNameOf(attribute)).append("=\"");
            escapeAttribute(attribute.getValue(), out);
            out.append('"');
        }
    }

    private static void writeChildren(Element element, String namespace, StringBuilder out) {
        boolean elementContent = hasElementChild(element);
        StringBuilder text = new StringBuilder();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            switch (child.getNodeType()) {
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> text.append(child.getNodeValue());
                case Node.ELEMENT_NODE -> {
                    flushText(text, elementContent, out);
                    writeElement((Element) child, namespace, out);
                }
                default -> {
                    // comments and processing instructions carry no content of the document
                }
            }
        }
        flushText(text, elementContent, out);
    }

    private static void flushText(StringBuilder text, boolean elementContent, StringBuilder out) {
        if (text.isEmpty()) {
            return;
        }
        if (!(elementContent && isXmlWhitespace(text))) {
            escapeText(text, out);
        }
        text.setLength(0);
    }

    static boolean hasElementChild(Element element) {
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                return true;
            }
        }
        return false;
    }

    static boolean isXmlWhitespace(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }

    private static boolean isNamespaceDeclaration(Attr attribute) {
        return XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())
                || XMLConstants.XMLNS_ATTRIBUTE.equals(attribute.getName())
                || attribute.getName().startsWith(XMLConstants.XMLNS_ATTRIBUTE + ":");
    }

    private static String namespaceOf(Node node) {
        String namespace = node.getNamespaceURI();
        return namespace == null ? "" : namespace;
    }

    private static String localNameOf(Node node) {
        String local = node.getLocalName();
        return local == null ? node.getNodeName() : local;
    }

    private static void escapeText(CharSequence text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '\r' -> out.append("&#xD;");
                default -> out.append(c);
            }
        }
    }

    private static void escapeAttribute(String value, StringBuilder out) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '"' -> out.append("&quot;");
                case '\t' -> out.append("&#x9;");
                case '\n' -> out.append("&#xA;");
                case '\r' -> out.append("&#xD;");
                default -> out.append(c);
            }
        }
    }
}
