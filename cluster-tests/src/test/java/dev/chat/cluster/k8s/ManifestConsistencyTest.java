package dev.chat.cluster.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * The manifests agree with the services they run: the ports the services listen on, the probe
 * paths they serve, the settings they really have (every environment variable a manifest sets),
 * the images compose builds from the Dockerfiles, a grace period that covers the node's drain,
 * WebSocket timeouts above the ping interval, and the hardening every pod must have.
 * (That the probe paths answer on running services is ClusterIT's.)
 */
class ManifestConsistencyTest {

    static final List<String> JAVA_SERVICES = List.of("room-registry", "chat-node");
    static final List<String> WORKLOADS = List.of("redis", "room-registry", "chat-node", "gateway");
    private static final Pattern SHELL_REFERENCE = Pattern.compile("\\$\\(([A-Z_][A-Z0-9_]*)\\)|\\$\\{?([A-Z_][A-Z0-9_]*)");
    private static Map<String, ServiceSettings> settings;

    @BeforeAll
    static void readTheServicesSettings() {
        settings = new HashMap<>();
        for (String service : JAVA_SERVICES) {
            settings.put(service, ServiceSettings.of(service));
        }
    }

    static List<Manifests> manifests() {
        return Manifests.all();
    }

    private static Path dockerfile(String service) {
        return Manifests.root().resolve(ServiceFiles.compose(service).path("build").path("dockerfile").asText());
    }

    private static Map<String, String> env(Manifests m, Container container) {
        Map<String, String> values = new HashMap<>();
        for (EnvFromSource from : container.getEnvFrom()) {
            assertNotNull(from.getConfigMapRef(), "envFrom only from ConfigMaps");
            values.putAll(m.get(ConfigMap.class, from.getConfigMapRef().getName()).getData());
        }
        for (EnvVar var : container.getEnv()) {
            values.put(var.getName(), var.getValue());
        }
        return values;
    }

    /** The value a Java service runs with: the manifest's, else the Dockerfile's, else application.properties'. */
    private static String effective(Manifests m, String service, String env, String property) {
        String value = env(m, m.container(service)).get(env);
        if (value == null) {
            value = ServiceFiles.dockerEnvValues(dockerfile(service)).get(env);
        }
        if (value == null) {
            value = ServiceFiles.applicationProperties(service).getProperty(property);
        }
        return value;
    }

    private static ContainerPort port(Container container, String name) {
        return container.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " has no port " + name));
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void containerPortsAreTheServicesOwn(Manifests m) {
        for (String service : JAVA_SERVICES) {
            int http = port(m.container(service), "http").getContainerPort();
            assertEquals(Integer.parseInt(effective(m, service, "QUARKUS_HTTP_PORT", "quarkus.http.port")), http,
                    service + ": the port Quarkus listens on");
            assertEquals(Integer.toString(http), ServiceFiles.dockerInstruction(dockerfile(service), "EXPOSE"), service);
            assertEquals("0.0.0.0", effective(m, service, "QUARKUS_HTTP_HOST", "quarkus.http.host"),
                    service + " listens on the pod's address, not loopback");
        }
        Container gateway = m.container("gateway");
        assertEquals(env(m, gateway).get("GATEWAY_LISTEN"), Integer.toString(port(gateway, "http").getContainerPort()));
        assertEquals(ServiceFiles.dockerInstruction(dockerfile("gateway"), "EXPOSE"),
                Integer.toString(port(gateway, "http").getContainerPort()));
        assertEquals(6379, port(m.container("redis"), "redis").getContainerPort(), "redis-server's default port");
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void servicesSelectTheirPodsAndNameTheirPorts(Manifests m) {
        for (String workload : WORKLOADS) {
            PodTemplateSpec template = m.podTemplate(workload);
            Map<String, String> selector = m.find(Deployment.class, workload).map(d -> d.getSpec().getSelector().getMatchLabels())
                    .orElseGet(() -> m.get(StatefulSet.class, workload).getSpec().getSelector().getMatchLabels());
            assertTrue(template.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()), workload + " selects its own pods");
            Service service = m.get(Service.class, workload);
            assertTrue(template.getMetadata().getLabels().entrySet().containsAll(service.getSpec().getSelector().entrySet()),
                    "Service " + workload + " selects the pods");
            for (ServicePort servicePort : service.getSpec().getPorts()) {
                port(m.container(workload), servicePort.getTargetPort().getStrVal());
            }
        }
        assertEquals("None", m.get(Service.class, "chat-node").getSpec().getClusterIP(),
                "headless: the gateway sees each chat node");
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void javaServicesAreProbedOnTheirHealthPaths(Manifests m) {
        for (String service : JAVA_SERVICES) {
            Container c = m.container(service);
            assertProbe(c.getStartupProbe(), "/q/health/started", service + " startup");
            assertProbe(c.getReadinessProbe(), "/q/health/ready", service + " readiness");
            assertProbe(c.getLivenessProbe(), "/q/health/live", service + " liveness");
        }
        Container gateway = m.container("gateway");
        assertProbe(gateway.getReadinessProbe(), "/healthz", "gateway readiness");
        assertTrue(ServiceFiles.read(Manifests.root().resolve("gateway/nginx.conf.template")).contains("location = /healthz"),
                "the gateway template serves /healthz");
    }

    private static void assertProbe(Probe probe, String path, String what) {
        assertNotNull(probe, what);
        assertEquals(path, probe.getHttpGet().getPath(), what);
        assertEquals("http", probe.getHttpGet().getPort().getStrVal(), what);
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void everyEnvironmentVariableIsARealSetting(Manifests m) {
        List<String> unknown = new ArrayList<>();
        for (String service : JAVA_SERVICES) {
            Set<String> image = ServiceFiles.dockerEnv(dockerfile(service));
            for (String name : env(m, m.container(service)).keySet()) {
                if (!settings.get(service).isSetting(name) && !image.contains(name)) {
                    unknown.add(service + ": " + name);
                }
            }
        }
        Set<String> gatewaySettings = new TreeSet<>(ServiceFiles.shellVariables(Manifests.root().resolve("gateway/render-conf")));
        gatewaySettings.addAll(ServiceFiles.shellVariables(Manifests.root().resolve("gateway/40-render-chat-conf.sh")));
        gatewaySettings.addAll(ServiceFiles.dockerEnv(dockerfile("gateway")));
        for (String name : env(m, m.container("gateway")).keySet()) {
            if (!gatewaySettings.contains(name)) {
                unknown.add("gateway: " + name);
            }
        }
        // redis-server has no environment settings: each variable must be used by its command or probes
        Container redis = m.container("redis");
        Set<String> referenced = new TreeSet<>();
        List<String> commands = new ArrayList<>(redis.getArgs());
        commands.addAll(redis.getReadinessProbe().getExec().getCommand());
        commands.addAll(redis.getLivenessProbe().getExec().getCommand());
        for (String part : commands) {
            Matcher ref = SHELL_REFERENCE.matcher(part);
            while (ref.find()) {
                referenced.add(ref.group(1) != null ? ref.group(1) : ref.group(2));
            }
        }
        for (String name : env(m, redis).keySet()) {
            if (!referenced.contains(name)) {
                unknown.add("redis: " + name);
            }
        }
        assertEquals(List.of(), unknown, "environment variables that set nothing");
    }

    @Test
    void theSettingsCheckKnowsRealSettingsFromTypos() {
        ServiceSettings node = settings.get("chat-node");
        assertEquals("chat.drain.timeout", node.propertyOf("CHAT_DRAIN_TIMEOUT").orElseThrow());
        assertEquals("quarkus.redis.hosts", node.propertyOf("QUARKUS_REDIS_HOSTS").orElseThrow());
        assertTrue(node.isSetting("QUARKUS_HTTP_PORT"));
        assertTrue(node.isSetting("CHAT_OPS_HEARTBEAT_TTL"));
        assertEquals("30s", node.defaultOf("chat.node.ping-interval").orElseThrow());
        assertFalse(node.isSetting("CHAT_DRAIN_TIMEOUTS"), "a typo");
        assertFalse(node.isSetting("CHAT_OPS_KEY"), "a registry setting, not the node's");
        assertFalse(node.isSetting("QUARKUS_SHUTDOWN_DELAY_ENABLED"), "build time: no effect at run time");
        assertTrue(settings.get("room-registry").isSetting("CHAT_OPS_KEY"));
        assertFalse(settings.get("room-registry").isSetting("CHAT_DRAIN_TIMEOUT"));
    }

    @Test
    void secretsReferencedExistAndHoldOnlyPlaceholders() {
        for (Manifests m : manifests()) {
            for (Secret secret : m.all(Secret.class)) {
                secret.getStringData().forEach((key, value) -> assertTrue(value.startsWith("replace-me"),
                        m + ": " + secret.getMetadata().getName() + "." + key + " must be a placeholder, not a value"));
                assertTrue(secret.getData() == null || secret.getData().isEmpty(), "no encoded values either");
            }
            for (String workload : WORKLOADS) {
                for (EnvVar var : m.container(workload).getEnv()) {
                    if (var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null) {
                        var ref = var.getValueFrom().getSecretKeyRef();
                        boolean present = m.get(Secret.class, ref.getName()).getStringData().containsKey(ref.getKey());
                        assertTrue(present || Boolean.TRUE.equals(ref.getOptional()), workload + ": " + var.getName());
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void imagesAreTheOnesComposeBuildsFromTheDockerfiles(Manifests m) {
        for (String workload : WORKLOADS) {
            String composeImage = ServiceFiles.compose(workload).path("image").asText();
            String image = m.container(workload).getImage();
            if (m.name().equals("base")) {
                assertEquals(composeImage, image, workload);
            } else {
                String repository = composeImage.replaceFirst(":[^:/]+$", "");
                assertTrue(image.equals(composeImage) || image.replaceFirst(":[^:/]+$", "").endsWith("/" + repository),
                        workload + ": " + image + " is " + repository);
            }
            if (ServiceFiles.compose(workload).has("build")) {
                Path dockerfile = dockerfile(workload);
                assertTrue(Files.isRegularFile(dockerfile), dockerfile.toString());
                String user = ServiceFiles.dockerInstruction(dockerfile, "USER");
                if (user != null) {
                    assertEquals(Long.parseLong(user), m.podTemplate(workload).getSpec().getSecurityContext().getRunAsUser(),
                            workload + " runs as its image's user");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void aChatNodeHasTimeToLeaveTheEndpointsAndDrain(Manifests m) {
        PodSpec pod = m.podTemplate("chat-node").getSpec();
        Container node = m.container("chat-node");
        Duration preStop = Duration.ofSeconds(node.getLifecycle().getPreStop().getSleep().getSeconds());
        Duration drain = ServiceFiles.duration(env(m, node).get("CHAT_DRAIN_TIMEOUT"));
        Duration delay = ServiceFiles.duration(effective(m, "chat-node", "QUARKUS_SHUTDOWN_DELAY", "quarkus.shutdown.delay"));
        Duration grace = Duration.ofSeconds(pod.getTerminationGracePeriodSeconds());
        assertTrue(grace.compareTo(preStop.plus(drain).plus(delay).plusSeconds(5)) >= 0,
                "grace " + grace + " >= preStop " + preStop + " + drain " + drain + " + shutdown delay " + delay + " + 5 s");
        // the gateway forgets a node's address within its resolver's validity: the pause is longer
        Matcher valid = Pattern.compile("valid=(\\d+s)").matcher(env(m, m.container("gateway")).get("RESOLVER"));
        assertTrue(valid.find());
        assertTrue(preStop.compareTo(ServiceFiles.duration(valid.group(1))) > 0, "preStop outlasts the gateway's DNS cache");
        assertEquals(0, m.get(Deployment.class, "chat-node").getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal(),
                "a rollout adds a node before it drains one");
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void chatNodesScaleOnCpuUpQuicklyAndDownSlowly(Manifests m) {
        HorizontalPodAutoscaler hpa = m.get(HorizontalPodAutoscaler.class, "chat-node");
        assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
        assertEquals("chat-node", hpa.getSpec().getScaleTargetRef().getName());
        assertNull(m.get(Deployment.class, "chat-node").getSpec().getReplicas(), "the autoscaler owns the count");
        assertEquals("cpu", hpa.getSpec().getMetrics().get(0).getResource().getName());
        assertTrue(hpa.getSpec().getMinReplicas() >= 2, "more than one node, always");
        HPAScalingRules down = hpa.getSpec().getBehavior().getScaleDown();
        assertTrue(down.getStabilizationWindowSeconds() >= 300, "slow scale-down");
        assertTrue(down.getPolicies().stream().allMatch(p -> "Pods".equals(p.getType()) && p.getValue() == 1),
                "one node at a time");
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void everyReplicatedWorkloadHasADisruptionBudgetAndIsSpreadOverHosts(Manifests m) {
        for (String workload : List.of("room-registry", "chat-node", "gateway")) {
            PodDisruptionBudget pdb = m.get(PodDisruptionBudget.class, workload);
            assertTrue(m.podTemplate(workload).getMetadata().getLabels().entrySet()
                    .containsAll(pdb.getSpec().getSelector().getMatchLabels().entrySet()), workload + " PDB selects it");
            assertTrue(m.podTemplate(workload).getSpec().getTopologySpreadConstraints().stream()
                    .anyMatch(t -> "kubernetes.io/hostname".equals(t.getTopologyKey())), workload + " spread over hosts");
        }
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void everyContainerIsNonRootReadOnlyAndBounded(Manifests m) {
        for (String workload : WORKLOADS) {
            PodSpec pod = m.podTemplate(workload).getSpec();
            for (Container c : pod.getContainers()) {
                String what = m + " " + workload + "/" + c.getName();
                assertTrue(Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot()), what + " runAsNonRoot");
                assertTrue(pod.getSecurityContext().getRunAsUser() > 0, what + " a non-zero uid");
                assertTrue(Boolean.TRUE.equals(c.getSecurityContext().getReadOnlyRootFilesystem()), what + " read-only root");
                assertEquals(Boolean.FALSE, c.getSecurityContext().getAllowPrivilegeEscalation(), what);
                assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop(), what);
                for (String resource : List.of("cpu", "memory")) {
                    assertNotNull(c.getResources().getRequests().get(resource), what + " requests " + resource);
                    assertNotNull(c.getResources().getLimits().get(resource), what + " limits " + resource);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void theGatewayReachesTheServicesByTheirClusterNames(Manifests m) {
        Map<String, String> env = env(m, m.container("gateway"));
        String namespace = m.get(Deployment.class, "gateway").getMetadata().getNamespace();
        for (String[] upstream : new String[][] { { "REGISTRY_SERVERS", "room-registry" }, { "CHAT_NODE_SERVERS", "chat-node" } }) {
            Matcher server = Pattern.compile("server ([a-z0-9-]+)\\.([a-z0-9-]+)\\.svc\\.cluster\\.local:(\\d+) resolve")
                    .matcher(env.get(upstream[0]));
            assertTrue(server.find(), upstream[0] + ": " + env.get(upstream[0]));
            assertEquals(upstream[1], server.group(1));
            assertEquals(namespace, server.group(2), "the Services' namespace");
            assertTrue(m.get(Service.class, upstream[1]).getSpec().getPorts().stream()
                    .anyMatch(p -> p.getPort() == Integer.parseInt(server.group(3))), upstream[1] + " port");
        }
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void webSocketsOutliveThePingIntervalAtEveryHop(Manifests m) throws IOException, InterruptedException {
        // the node pings every chat.node.ping-interval: the manifest's, else application.properties', else its default
        String interval = effective(m, "chat-node", "CHAT_NODE_PING_INTERVAL", "chat.node.ping-interval");
        Duration ping = ServiceFiles.duration(interval != null ? interval
                : settings.get("chat-node").defaultOf("chat.node.ping-interval").orElseThrow());
        String conf = renderGateway(m);
        Matcher ws = Pattern.compile("location ~ \\^/ws[^{]*\\{([^}]*)}").matcher(conf);
        assertTrue(ws.find(), "the rendered gateway has the /ws location");
        for (String timeout : List.of("proxy_read_timeout", "proxy_send_timeout")) {
            Matcher value = Pattern.compile(timeout + " (\\w+);").matcher(ws.group(1));
            assertTrue(value.find(), timeout);
            assertTrue(ServiceFiles.duration(value.group(1)).compareTo(ping.multipliedBy(2)) >= 0,
                    "gateway " + timeout + " " + value.group(1) + " against pings every " + ping);
        }
        for (Ingress ingress : m.all(Ingress.class)) {
            for (String timeout : List.of("proxy-read-timeout", "proxy-send-timeout")) {
                String value = ingress.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/" + timeout);
                assertNotNull(value, "Ingress " + timeout);
                assertTrue(ServiceFiles.duration(value).compareTo(ping.multipliedBy(2)) >= 0, "Ingress " + timeout + " " + value);
            }
            assertEquals("gateway", ingress.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getName());
        }
        if (m.name().equals("production")) {
            assertTrue(conf.contains("real_ip_header X-Forwarded-For;"), "behind the Ingress, clients' own addresses");
        }
    }

    /** gateway/render-conf run with the manifest's environment, as the image's entrypoint does. */
    private static String renderGateway(Manifests m) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("k8s-gateway-");
        Path out = dir.resolve("nginx.conf");
        ProcessBuilder render = new ProcessBuilder(Manifests.root().resolve("gateway/render-conf").toString(),
                Manifests.root().resolve("gateway/nginx.conf.template").toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("render.log").toFile());
        render.environment().clear();
        render.environment().put("PATH", System.getenv("PATH"));
        render.environment().putAll(ServiceFiles.dockerEnvValues(dockerfile("gateway")));
        env(m, m.container("gateway")).forEach((k, v) -> render.environment().put(k, v == null ? "" : v));
        render.environment().put("RUNTIME_DIR", dir.resolve("runtime").toString());
        Process process = render.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "render-conf finished");
        assertEquals(0, process.exitValue(), ServiceFiles.read(dir.resolve("render.log")));
        return ServiceFiles.read(out);
    }
}
