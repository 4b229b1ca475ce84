package org.mashgateway.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Walking a validated document by element names: the one way the gateway reads its DOMs. The
 * documents were schema-validated, so element order and cardinality are known; these helpers only
 * save every reader from writing the same sibling loop.
 */
public final class Elements {

    private Elements() {}

    /** The child elements of {@code parent}, in document order. */
    public static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }

    /** The child elements with this local name. */
    public static List<Element> children(Element parent, String localName) {
        return children(parent).stream().filter(e -> localName.equals(e.getLocalName())).toList();
    }

    /** The first child element with this local name, at the end of a path of local names. */
    public static Optional<Element> child(Element parent, String... path) {
        Element current = parent;
        for (String localName : path) {
            Optional<Element> next = children(current, localName).stream().findFirst();
            if (next.isEmpty()) {
                return Optional.empty();
            }
            current = next.get();
        }
        return Optional.of(current);
    }

    /** The stripped text of the child at this path, if there is one. */
    public static Optional<String> text(Element parent, String... path) {
        return child(parent, path).map(e -> e.getTextContent().strip());
    }
}
