package org.mashgateway.xml;

import java.util.Optional;

/** Every kind of document that crosses the gateway, recognised by its root element's namespace and name. */
public enum DocumentType {
    DA_NOTIFICATION("urn:mash-gateway:da-notification:1", "DomesticAbuseNotification", "da-notification.xsd"),
    NOTIFICATION_WITHDRAWAL("urn:mash-gateway:da-notification:1", "NotificationWithdrawal", "da-notification.xsd"),
    INFORMATION_REQUEST("urn:mash-gateway:information-exchange:1", "InformationRequest", "information-exchange.xsd"),
    INFORMATION_RESPONSE("urn:mash-gateway:information-exchange:1", "InformationResponse", "information-exchange.xsd"),
    ACKNOWLEDGEMENT("urn:mash-gateway:acknowledgement:1", "Acknowledgement", "acknowledgement.xsd"),
    SCHOOL_NOTIFICATION("urn:mash-gateway:school-notification:1", "SchoolNotification", "school-notification.xsd"),
    AGENCY_NOTIFICATION("urn:mash-gateway:agency-notification:1", "AgencyNotification", "agency-notification.xsd");

    private final String namespace;
    private final String rootName;
    private final String schemaFile;

    DocumentType(String namespace, String rootName, String schemaFile) {
        this.namespace = namespace;
        this.rootName = rootName;
        this.schemaFile = schemaFile;
    }

    /** The namespace URI of the root element (and of every element of the document). */
    public String namespace() {
        return namespace;
    }

    /** The local name of the root element. */
    public String rootName() {
        return rootName;
    }

    /** The XSD under {@code classpath:schemas/} that defines this document. */
    public String schemaFile() {
        return schemaFile;
    }

    /** The document type whose root element is {@code rootName} in {@code namespace}, if any. */
    public static Optional<DocumentType> of(String namespace, String rootName) {
        for (DocumentType type : values()) {
            if (type.namespace.equals(namespace) && type.rootName.equals(rootName)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    static boolean isGatewayNamespace(String namespace) {
        for (DocumentType type : values()) {
            if (type.namespace.equals(namespace)) {
                return true;
            }
        }
        return false;
    }
}
