package dev.chat.cluster.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The settings a packaged Quarkus service really has at run time, read from the service itself:
 * its own {@code @ConfigMapping} interfaces and the run-time config roots of every extension it
 * ships (each extension lists them in {@code META-INF/quarkus-config-roots.list}), expanded into
 * property names by SmallRye Config ({@code ConfigMappings.getProperties}), all loaded from the
 * service's {@code target/quarkus-app} in a class loader of its own. An environment variable is a
 * setting when SmallRye would map it to one of those names ({@code chat.drain.timeout} ⇔
 * {@code CHAT_DRAIN_TIMEOUT}); build-time settings do not count, they cannot change at run time.
 */
public final class ServiceSettings {

    private final String service;
    private final Set<String> properties;
    /** The {@code @WithDefault} of each property that has one. */
    private final Map<String, String> defaults;
    private final List<Pattern> envNames = new ArrayList<>();

    private ServiceSettings(String service, Map<String, String> defaults, Set<String> properties) {
        this.service = service;
        this.properties = properties;
        this.defaults = defaults;
        for (String property : properties) {
            envNames.add(Pattern.compile(envPattern(property)));
        }
    }

    /** @param module the service's Maven module, packaged ({@code mvn package}) */
    public static ServiceSettings of(String module) {
        Path app = Manifests.root().resolve(module).resolve("target/quarkus-app");
        if (!Files.isRegularFile(app.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException(app + " is not built: run mvn package (or verify) from the repository root");
        }
        List<Path> jars = new ArrayList<>();
        for (String dir : List.of("lib/boot", "lib/main", "app")) {
            try (Stream<Path> files = Files.list(app.resolve(dir))) {
                files.filter(f -> f.toString().endsWith(".jar")).sorted().forEach(jars::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // SmallRye Config needs ASM to describe a mapping; a packaged app has none (Quarkus did that at build)
        jars.add(jarOf("org.objectweb.asm.ClassVisitor"));
        URL[] urls = jars.stream().map(ServiceSettings::url).toArray(URL[]::new);
        try (URLClassLoader loader = new URLClassLoader(module, urls, ClassLoader.getPlatformClassLoader())) {
            Map<String, String> defaults = new java.util.TreeMap<>();
            Set<String> names = read(loader, jars.stream().filter(j -> j.getParent().endsWith("app")).toList(), defaults);
            return new ServiceSettings(module, defaults, names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(module + ": could not read its settings: " + e, e);
        }
    }

    private static Path jarOf(String className) {
        try {
            return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
            throw new IllegalStateException(className + " is not on the test class path", e);
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Set<String> read(URLClassLoader loader, List<Path> appJars, Map<String, String> defaults)
            throws IOException, ReflectiveOperationException {
        Class<? extends Annotation> configMapping = (Class<? extends Annotation>) loader.loadClass("io.smallrye.config.ConfigMapping");
        Class<? extends Annotation> configRoot = (Class<? extends Annotation>) loader.loadClass("io.quarkus.runtime.annotations.ConfigRoot");
        Class<?> configClass = loader.loadClass("io.smallrye.config.ConfigMappings$ConfigClass");
        Method properties = loader.loadClass("io.smallrye.config.ConfigMappings").getMethod("getProperties", configClass);
        Method prefix = configMapping.getMethod("prefix");
        Class<?> property = loader.loadClass("io.smallrye.config.ConfigMappingInterface$Property");
        Method hasDefault = property.getMethod("hasDefaultValue");
        Method defaultValue = property.getMethod("getDefaultValue");
        Method phase = configRoot.getMethod("phase");

        List<Class<?>> mappings = new ArrayList<>();
        // the extensions' run-time roots
        Enumeration<URL> lists = loader.getResources("META-INF/quarkus-config-roots.list");
        while (lists.hasMoreElements()) {
            try (InputStream in = lists.nextElement().openStream()) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    String name = line.trim();
                    if (name.isEmpty() || name.startsWith("#")) {
                        continue;
                    }
                    Class<?> root = loader.loadClass(name);
                    Annotation rootAnnotation = root.getAnnotation(configRoot);
                    if (root.isInterface() && root.getAnnotation(configMapping) != null && rootAnnotation != null
                            && "RUN_TIME".equals(((Enum<?>) phase.invoke(rootAnnotation)).name())) {
                        mappings.add(root);
                    }
                }
            }
        }
        // the service's own mappings (all read at run time)
        for (Path jar : appJars) {
            try (JarFile file = new JarFile(jar.toFile())) {
                for (JarEntry entry : (Iterable<JarEntry>) file.stream()::iterator) {
                    String name = entry.getName();
                    if (name.endsWith(".class") && !name.contains("$") && !name.startsWith("META-INF")) {
                        Class<?> type = loader.loadClass(name.substring(0, name.length() - 6).replace('/', '.'));
                        if (type.isInterface() && type.getAnnotation(configMapping) != null) {
                            mappings.add(type);
                        }
                    }
                }
            }
        }
        Set<String> names = new TreeSet<>();
        for (Class<?> mapping : mappings) {
            Object config = configClass.getConstructor(Class.class, String.class)
                    .newInstance(mapping, (String) prefix.invoke(mapping.getAnnotation(configMapping)));
            for (Map.Entry<String, ?> named : ((Map<String, ?>) properties.invoke(null, config)).entrySet()) {
                names.add(named.getKey());
                if ((boolean) hasDefault.invoke(named.getValue())) {
                    defaults.put(named.getKey(), (String) defaultValue.invoke(named.getValue()));
                }
            }
        }
        return names;
    }

    /**
     * How SmallRye matches an environment variable to a property: every character that is not a
     * letter or digit becomes {@code _}, letters are upper case; a map key or list index
     * ({@code *}) is any run of such characters.
     */
    static String envPattern(String property) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < property.length(); i++) {
            char c = property.charAt(i);
            if (c == '*') {
                regex.append("[A-Z0-9_]+");
            } else if (Character.isLetterOrDigit(c)) {
                regex.append(Character.toUpperCase(c));
            } else {
                regex.append('_');
            }
        }
        return regex.toString();
    }

    public String service() {
        return service;
    }

    public Set<String> properties() {
        return properties;
    }

    /** The property an environment variable sets, if any. */
    public Optional<String> propertyOf(String envName) {
        for (String property : properties) {
            if (Pattern.matches(envPattern(property), envName)) {
                return Optional.of(property);
            }
        }
        return Optional.empty();
    }

    /** The value a property has when nothing sets it ({@code @WithDefault}), if any. */
    public Optional<String> defaultOf(String property) {
        return Optional.ofNullable(defaults.get(property));
    }

    public boolean isSetting(String envName) {
        return envNames.stream().anyMatch(p -> p.matcher(envName).matches());
    }
}
