package org.mashgateway.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.mashgateway.xml.Elements;
import org.w3c.dom.Element;

/**
 * Tells which child of a corrected notification is which child of the version it corrects, so a
 * school that was told about a child is sent the correction about that same child.
 *
 * <p>First, a child whose name (every given name and the family name) and date of birth are
 * unchanged is the same child, wherever it now sits in the document: a correction that removes or
 * reorders children, and so renumbers their {@code id}s, does not confuse two siblings. Then a child
 * left over is the child of the previous version with the same {@code id} attribute, also left
 * over: that is how a corrected name or date of birth is recognised, for a force that keeps its
 * children's ids from one version to the next. A child matched by neither is a new child; a
 * previous child matched by neither has been removed.
 */
final class ChildPairing {

    private ChildPairing() {
    }

    /**
     * For each corrected child, in document order, the index of its child in {@code previous}, or -1.
     * Each previous child is paired with at most one corrected child.
     */
    static int[] pair(List<Element> previous, List<Element> corrected) {
        int[] previousOf = new int[corrected.size()];
        Arrays.fill(previousOf, -1);
        boolean[] taken = new boolean[previous.size()];
        for (int i = 0; i < corrected.size(); i++) {
            String identity = identity(corrected.get(i));
            for (int j = 0; j < previous.size(); j++) {
                if (!taken[j] && identity.equals(identity(previous.get(j)))) {
                    taken[j] = true;
                    previousOf[i] = j;
                    break;
                }
            }
        }
        for (int i = 0; i < corrected.size(); i++) {
            String id = corrected.get(i).getAttribute("id");
            for (int j = 0; previousOf[i] < 0 && !id.isEmpty() && j < previous.size(); j++) {
                if (!taken[j] && id.equals(previous.get(j).getAttribute("id"))) {
                    taken[j] = true;
                    previousOf[i] = j;
                }
            }
        }
        return previousOf;
    }

    /** Names and date of birth joined with a separator no name can hold; compared, never logged. */
    private static String identity(Element child) {
        StringBuilder identity = new StringBuilder();
        Elements.child(child, "Name").ifPresent(name -> Elements.children(name)
                .forEach(part -> identity.append(part.getLocalName()).append('\u0000')
                        .append(part.getTextContent().strip()).append('\u0000')));
        identity.append(Objects.toString(Elements.text(child, "DateOfBirth").orElse(null)));
        return identity.toString();
    }
}
