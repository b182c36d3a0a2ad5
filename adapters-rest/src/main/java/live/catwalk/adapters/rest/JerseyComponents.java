package live.catwalk.adapters.rest;

import jakarta.ws.rs.Path;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;

/** How {@link RestServer} hands Jersey the instances the composition root made: nothing is scanned or created. */
final class JerseyComponents {

    private JerseyComponents() {
    }

    /**
     * Registers a provider instance as it is, and a resource instance as a resource model whose methods that
     * instance handles: Jersey checks every instance given to {@code register} as a provider, warns that a
     * resource is none (jersey#3700) and then serves it all the same.
     */
    static void add(ResourceConfig config, Object component) {
        if (component.getClass().isAnnotationPresent(Path.class)) {
            config.registerResources(handledBy(Resource.from(component.getClass()), component));
        } else {
            config.register(component);
        }
    }

    /** {@code resource} and its sub-resources with every method (and locator) handled by {@code instance}. */
    private static Resource handledBy(Resource resource, Object instance) {
        Resource.Builder builder = Resource.builder(resource);
        for (ResourceMethod method : resource.getAllMethods()) {
            builder.updateMethod(method).handledBy(instance, method.getInvocable().getDefinitionMethod());
        }
        for (Resource child : resource.getChildResources()) {
            builder.replaceChildResource(child, handledBy(child, instance));
        }
        return builder.build();
    }
}
