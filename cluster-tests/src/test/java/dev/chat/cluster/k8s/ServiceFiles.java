package dev.chat.cluster.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the repository says about each service outside the manifests: its Dockerfile (ENV, EXPOSE,
 * USER), its image name and Dockerfile in docker-compose.yml, its application.properties, and the
 * variables the gateway's renderer reads, so that the manifests can be checked against them.
 */
final class ServiceFiles {

    private static final Pattern ENV_NAME = Pattern.compile("([A-Z_][A-Z0-9_]*)=");
    private static final Pattern SHELL_VAR = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)");

    private ServiceFiles() {
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The compose service of that name: its {@code image} and {@code build.dockerfile}. */
    static JsonNode compose(String service) {
        JsonNode compose = Kustomization.documents(Manifests.root().resolve("docker-compose.yml")).get(0);
        JsonNode found = compose.path("services").path(service);
        if (found.isMissingNode()) {
            throw new AssertionError("docker-compose.yml has no service " + service);
        }
        return found;
    }

    /** A Dockerfile's instructions, continuation lines joined: instruction → arguments, in order. */
    static List<String[]> dockerfile(Path file) {
        String joined = read(file).replaceAll("\\\\\\r?\\n", " ");
        return joined.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.split("\\s+", 2)).toList();
    }

    /** Names the Dockerfile's final stage sets with ENV. */
    static Set<String> dockerEnv(Path file) {
        Set<String> names = new TreeSet<>();
        for (String[] instruction : finalStage(file)) {
            if (instruction[0].equalsIgnoreCase("ENV") && instruction.length > 1) {
                Matcher m = ENV_NAME.matcher(instruction[1]);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    static String dockerInstruction(Path file, String name) {
        return finalStage(file).stream().filter(i -> i[0].equalsIgnoreCase(name) && i.length > 1).map(i -> i[1].trim())
                .reduce((first, second) -> second).orElse(null);
    }

    /** ENV values of the final stage, quotes removed. */
    static Map<String, String> dockerEnvValues(Path file) {
        Map<String, String> values = new LinkedHashMap<>();
        Pattern pair = Pattern.compile("([A-Z_][A-Z0-9_]*)=(\"[^\"]*\"|\\S+)");
        for (String[] instruction : finalStage(file)) {
            if (instruction[0].equalsIgnoreCase("ENV") && instruction.length > 1) {
                Matcher m = pair.matcher(instruction[1]);
                while (m.find()) {
                    values.put(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
                }
            }
        }
        return values;
    }

    private static List<String[]> finalStage(Path file) {
        List<String[]> all = dockerfile(file);
        int from = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i)[0].equalsIgnoreCase("FROM")) {
                from = i;
            }
        }
        return all.subList(from, all.size());
    }

    /** The variables a shell script reads as {@code ${NAME}} (its settings). */
    static Set<String> shellVariables(Path script) {
        Set<String> names = new TreeSet<>();
        Matcher m = SHELL_VAR.matcher(read(script));
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    static Properties applicationProperties(String module) {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(Manifests.root().resolve(module).resolve("src/main/resources/application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** {@code 100ms}, {@code 20s}, {@code 5m}, {@code 1h}, or a number of seconds. */
    static Duration duration(String value) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)?").matcher(value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + value);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2) == null ? "s" : m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
