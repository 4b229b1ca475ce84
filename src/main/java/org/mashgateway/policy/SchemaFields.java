package org.mashgateway.policy;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.springframework.core.io.ClassPathResource;
import org.mashgateway.xml.Elements;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

/**
 * Every field path of the current DomesticAbuseNotification schema, read from the gateway's own
 * XSDs ({@code schemas/da-notification.xsd} and the structures it includes), so that the policy
 * loader can refuse a profile path the schema does not have and an agency profile that leaves out
 * a field the schema requires.
 *
 * <p>Only the XSD constructs our schemas use are understood (sequences, named and inline complex
 * types, simple and complex content extensions, attributes); any other construct stops the load
 * loudly rather than silently yielding an incomplete catalogue.
 */
final class SchemaFields {

    /** A path of the schema: a value-holding element or attribute ({@code leaf}) or a section. */
    record Field(String path, boolean required, boolean leaf) {

        String parent() {
            return path.substring(0, path.lastIndexOf('/'));
        }
    }

    static final String ROOT_PATH = "/DomesticAbuseNotification";

    private static final String XS = XMLConstants.W3C_XML_SCHEMA_NS_URI;
    private static final List<String> FILES = List.of("schemas/da-notification.xsd", "schemas/common-structures.xsd");

    private final Map<String, Field> fields;

    private SchemaFields(Map<String, Field> fields) {
        this.fields = Map.copyOf(fields);
    }

    /** The catalogue of the DomesticAbuseNotification as the packaged schema defines it today. */
    static SchemaFields daNotification() {
        Map<String, Element> complexTypes = new HashMap<>();
        Element root = null;
        for (String file : FILES) {
            Element schema = read(file).getDocumentElement();
            for (Element child : children(schema)) {
                if (child.getLocalName().equals("complexType")) {
                    complexTypes.put(child.getAttribute("name"), child);
                } else if (child.getLocalName().equals("element") && child.getAttribute("name").equals("DomesticAbuseNotification")) {
                    root = child;
                }
            }
        }
        if (root == null) {
            throw new IllegalStateException("schemas/da-notification.xsd declares no DomesticAbuseNotification");
        }
        Map<String, Field> fields = new LinkedHashMap<>();
        new Walker(complexTypes, fields).element(root, ROOT_PATH, true);
        return new SchemaFields(fields);
    }

    Optional<Field> field(String path) {
        return Optional.ofNullable(fields.get(path));
    }

    /** Every path of the schema, sections included. */
    List<Field> all() {
        return List.copyOf(fields.values());
    }

    private record Walker(Map<String, Element> complexTypes, Map<String, Field> fields) {

        void element(Element declaration, String path, boolean required) {
            if (declaration.hasAttribute("ref")) {
                throw unsupported("element ref", path);
            }
            Element type = firstChild(declaration, "complexType")
                    .orElseGet(() -> namedType(declaration.getAttribute("type")));
            // a placeholder keeps the parent before its children; replaced once its content is known
            fields.put(path, new Field(path, required, true));
            if (type != null) {
                boolean sections = complexType(type, path);
                fields.put(path, new Field(path, required, !sections));
            }
        }

        /** Walks a complex type's content; true if it has child elements (a section). */
        boolean complexType(Element type, String path) {
            boolean sections = false;
            for (Element part : children(type)) {
                switch (part.getLocalName()) {
                    case "sequence" -> sections |= sequence(part, path);
                    case "attribute" -> attribute(part, path);
                    case "complexContent" -> {
                        Element extension = extension(part, path);
                        Element base = namedType(extension.getAttribute("base"));
                        if (base == null) {
                            throw unsupported("complexContent on a simple base", path);
                        }
                        sections |= complexType(base, path);
                        sections |= complexType(extension, path);
                    }
                    case "simpleContent" -> {
                        for (Element inside : children(extension(part, path))) {
                            if (!inside.getLocalName().equals("attribute")) {
                                throw unsupported(inside.getLocalName() + " in simpleContent", path);
                            }
                            attribute(inside, path);
                        }
                    }
                    case "annotation" -> { }
                    default -> throw unsupported(part.getLocalName(), path);
                }
            }
            return sections;
        }

        boolean sequence(Element sequence, String path) {
            boolean any = false;
            for (Element particle : children(sequence)) {
                switch (particle.getLocalName()) {
                    case "element" -> {
                        element(particle, path + "/" + particle.getAttribute("name"),
                                !"0".equals(particle.getAttribute("minOccurs")));
                        any = true;
                    }
                    case "sequence" -> any |= sequence(particle, path);
                    case "annotation" -> { }
                    default -> throw unsupported(particle.getLocalName(), path);
                }
            }
            return any;
        }

        void attribute(Element attribute, String path) {
            String attributePath = path + "/@" + attribute.getAttribute("name");
            fields.put(attributePath, new Field(attributePath, "required".equals(attribute.getAttribute("use")), true));
        }

        /** The complex type named (without prefix) in this schema; null for simple and common types. */
        Element namedType(String qualifiedName) {
            if (qualifiedName.isEmpty() || qualifiedName.contains(":")) {
                return null;
            }
            return complexTypes.get(qualifiedName);
        }

        static Element extension(Element content, String path) {
            return firstChild(content, "extension").orElseThrow(() -> unsupported("restriction", path));
        }

        static IllegalStateException unsupported(String construct, String path) {
            return new IllegalStateException("the DomesticAbuseNotification schema uses " + construct + " at " + path
                    + ", which the sharing policy's field catalogue does not understand");
        }
    }

    private static Optional<Element> firstChild(Element parent, String localName) {
        return Elements.child(parent, localName);
    }

    private static List<Element> children(Element parent) {
        return Elements.children(parent);
    }

    private static Document read(String file) {
        try (InputStream in = new ClassPathResource(file).getInputStream()) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            return builder.parse(in);
        } catch (IOException | ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the packaged schema " + file + " cannot be read", e);
        }
    }
}
