package org.mashgateway.xml;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;
import org.xml.sax.SAXException;

/**
 * Compiles the gateway's XSDs from {@code classpath:schemas/}, once. Imports and includes between
 * them are resolved from the same folder only; nothing is fetched from anywhere else.
 */
final class SchemaCatalogue {

    private static final String FOLDER = "schemas/";
    private static final String SYSTEM_ID_PREFIX = "classpath:" + FOLDER;
    private static final Pattern SCHEMA_FILE = Pattern.compile("[a-z][a-z-]*\\.xsd");

    private SchemaCatalogue() {
    }

    static Map<DocumentType, Schema> compileAll() {
        SchemaFactory factory = hardenedFactory();
        Map<String, Schema> byFile = new HashMap<>();
        Map<DocumentType, Schema> schemas = new EnumMap<>(DocumentType.class);
        for (DocumentType type : DocumentType.values()) {
            schemas.put(type, byFile.computeIfAbsent(type.schemaFile(), file -> compile(factory, file)));
        }
        return schemas;
    }

    private static Schema compile(SchemaFactory factory, String file) {
        try {
            return factory.newSchema(new StreamSource(open(file), SYSTEM_ID_PREFIX + file));
        } catch (SAXException e) {
            throw new IllegalStateException("schema " + file + " does not compile", e);
        }
    }

    private static SchemaFactory hardenedFactory() {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DOMImplementationLS ls = (DOMImplementationLS) DocumentBuilderFactory.newInstance()
                    .newDocumentBuilder().getDOMImplementation().getFeature("LS", "3.0");
            factory.setResourceResolver((type, namespace, publicId, systemId, baseUri) -> {
                String file = systemId == null ? "" : systemId.substring(systemId.lastIndexOf('/') + 1);
                if (!SCHEMA_FILE.matcher(file).matches()) {
                    throw new IllegalStateException("schema reference outside " + FOLDER + ": " + systemId);
                }
                LSInput input = ls.createLSInput();
                input.setByteStream(open(file));
                input.setSystemId(SYSTEM_ID_PREFIX + file);
                return input;
            });
            return factory;
        } catch (SAXException | ParserConfigurationException e) {
            throw new IllegalStateException("the schema factory cannot be hardened", e);
        }
    }

    private static InputStream open(String file) {
        InputStream in = SchemaCatalogue.class.getClassLoader().getResourceAsStream(FOLDER + file);
        if (in == null) {
            throw new UncheckedIOException(new IOException("schema not on the classpath: " + FOLDER + file));
        }
        return in;
    }
}
