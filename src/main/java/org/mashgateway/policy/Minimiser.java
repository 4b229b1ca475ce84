package org.mashgateway.policy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import org.mashgateway.xml.DocumentType;
import org.mashgateway.xml.XmlDocuments;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Applies a profile to a police DomesticAbuseNotification: builds a new document holding only the
 * fields the profile allows. This is where a field is stripped for a recipient.
 *
 * <p>Allow-list only: an element is copied when it, or something inside it, is allowed; its text
 * only when its own path is listed; an attribute only when its {@code …/@name} path is listed.
 * Anything not listed is dropped, whatever it is, including an element the schema may add later
 * and any element outside the notification's namespace. The source document is not changed.
 */
final class Minimiser {

    /**
     * The minimised document and what happened to each field of the input, as distinct paths in
     * document order (names, never values). Paths are written without the leading slash, e.g.
     * {@code DomesticAbuseNotification/Victim/@id}, the form the decision record accepts.
     */
    record Minimised(Document document, List<String> fieldsShared, List<String> fieldsDropped) {

        Minimised {
            fieldsShared = List.copyOf(fieldsShared);
            fieldsDropped = List.copyOf(fieldsDropped);
        }
    }

    private static final String DA = DocumentType.DA_NOTIFICATION.namespace();

    private Minimiser() {
    }

    /**
     * @throws IllegalArgumentException if {@code police} is not a DomesticAbuseNotification
     */
    static Minimised minimise(Document police, Profile profile) {
        Element root = police.getDocumentElement();
        if (root == null || !DA.equals(root.getNamespaceURI()) || !"DomesticAbuseNotification".equals(root.getLocalName())) {
            throw new IllegalArgumentException("the minimiser takes a DomesticAbuseNotification");
        }
        Document target = XmlDocuments.newDocument(null, null);
        Copy copy = new Copy(profile, target, new LinkedHashSet<>(), new LinkedHashSet<>());
        Element kept = copy.element(root, "/" + root.getLocalName());
        // the root itself always goes: the schema needs it, and its attributes were judged one by one
        target.appendChild(kept != null ? kept : target.createElementNS(DA, root.getLocalName()));
        return new Minimised(target, List.copyOf(copy.shared), List.copyOf(copy.dropped));
    }

    private record Copy(Profile profile, Document target, Set<String> shared, Set<String> dropped) {

        /** The copy of {@code source} at {@code path}, or null when nothing in it is allowed. */
        Element element(Element source, String path) {
            if (!DA.equals(source.getNamespaceURI())) {
                dropAll(source, path);
                return null;
            }
            Element copy = target.createElementNS(DA, source.getLocalName());
            boolean kept = attributes(source, copy, path);
            boolean leaf = true;
            for (Node child = source.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element) {
                    leaf = false;
                    Element copied = element(element, path + "/" + nameOf(element));
                    if (copied != null) {
                        copy.appendChild(copied);
                        kept = true;
                    }
                }
            }
            if (leaf) {
                if (profile.allows(path)) {
                    copy.setTextContent(source.getTextContent());
                    shared.add(reported(path));
                    kept = true;
                } else {
                    dropped.add(reported(path));
                }
            }
            return kept ? copy : null;
        }

        private boolean attributes(Element source, Element copy, String path) {
            boolean kept = false;
            NamedNodeMap attributes = source.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr attribute = (Attr) attributes.item(i);
                if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
                    continue;
                }
                String attributePath = path + "/@" + nameOf(attribute);
                // only unqualified attributes are fields; xsi:type and the like never travel
                if (attribute.getNamespaceURI() == null && profile.allows(attributePath)) {
                    copy.setAttributeNS(null, nameOf(attribute), attribute.getValue());
                    shared.add(reported(attributePath));
                    kept = true;
                } else {
                    dropped.add(reported(attributePath));
                }
            }
            return kept;
        }

        private void dropAll(Element source, String path) {
            NamedNodeMap attributes = source.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attributes.item(i).getNamespaceURI())) {
                    dropped.add(reported(path + "/@" + nameOf(attributes.item(i))));
                }
            }
            boolean leaf = true;
            for (Node child = source.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element element) {
                    leaf = false;
                    dropAll(element, path + "/" + nameOf(element));
                }
            }
            if (leaf) {
                dropped.add(reported(path));
            }
        }
    }

    private static String nameOf(Node node) {
        return node.getLocalName() != null ? node.getLocalName() : node.getNodeName();
    }

    private static String reported(String path) {
        return path.substring(1);
    }
}
