package org.mashgateway.support;

import java.util.Comparator;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Runs the classes of the shared gateway after all others, keeping the order of each group: that
 * gateway stays up until the JVM ends, and no gateway of a class's own then runs beside it.
 */
public class SharedGatewayLast implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparing(
                descriptor -> SharedGatewayTest.class.isAssignableFrom(descriptor.getTestClass())));
    }
}
