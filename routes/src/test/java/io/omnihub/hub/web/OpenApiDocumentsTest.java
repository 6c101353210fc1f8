package io.omnihub.hub.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.omnihub.hub.partner.PartnerWebhookController;
import io.omnihub.hub.pricing.ManualTaskController;
import io.omnihub.hub.pricing.PriceController;
import io.omnihub.hub.pricing.PromotionController;
import io.omnihub.hub.wecom.WeComCallbackController;
import io.omnihub.hub.youzan.YouzanPushController;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.bind.annotation.RequestMapping;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI documents served under /openapi are written by hand; this keeps them and the
 * controllers saying the same (issue 18): every documented operation is mapped by a controller,
 * and every mapping of the documented controllers is documented.
 */
class OpenApiDocumentsTest {

    @Test
    void thePricingDocumentIsWhatThePricingControllersMap() throws IOException {
        assertSame("pricing.yaml", PriceController.class, PromotionController.class, ManualTaskController.class);
    }

    @Test
    void theWebhooksDocumentIsWhatTheWebhookControllersMap() throws IOException {
        assertSame(
                "webhooks.yaml",
                PartnerWebhookController.class,
                WeComCallbackController.class,
                YouzanPushController.class);
    }

    private static void assertSame(String document, Class<?>... controllers) throws IOException {
        List<String> documented = documented(document);
        List<String> mapped = mapped(controllers);
        AntPathMatcher paths = new AntPathMatcher();
        for (String op : documented) {
            assertThat(mapped)
                    .as(document + ": " + op + " is mapped")
                    .anyMatch(m -> sameMethod(m, op) && paths.match(path(m), sample(path(op))));
        }
        for (String m : mapped) {
            assertThat(documented)
                    .as(document + ": " + m + " is documented")
                    .anyMatch(op -> sameMethod(m, op) && paths.match(path(m), sample(path(op))));
        }
    }

    /** "POST /api/prices/import" for every operation of the document. */
    @SuppressWarnings("unchecked")
    private static List<String> documented(String document) throws IOException {
        try (InputStream in = OpenApiDocumentsTest.class.getResourceAsStream("/static/openapi/" + document)) {
            assertThat(in).as(document).isNotNull();
            Map<String, Object> api = new Yaml().load(in);
            List<String> ops = new ArrayList<>();
            ((Map<String, Map<String, Object>>) api.get("paths"))
                    .forEach((path, item) -> item.keySet().stream()
                            .filter(k -> List.of("get", "put", "post", "delete", "patch")
                                    .contains(k))
                            .forEach(k -> ops.add(k.toUpperCase(Locale.ROOT) + " " + path)));
            assertThat(ops).as(document + " has operations").isNotEmpty();
            return ops;
        }
    }

    /** "POST /webhooks/partners/{channelId}/{kind}" for every handler method of the controllers. */
    private static List<String> mapped(Class<?>... controllers) {
        TreeSet<String> out = new TreeSet<>();
        for (Class<?> c : controllers) {
            RequestMapping base = AnnotatedElementUtils.findMergedAnnotation(c, RequestMapping.class);
            String prefix = base == null || base.path().length == 0 ? "" : base.path()[0];
            for (Method m : c.getDeclaredMethods()) {
                RequestMapping r = AnnotatedElementUtils.findMergedAnnotation(m, RequestMapping.class);
                if (r == null) {
                    continue;
                }
                String path = prefix + (r.path().length == 0 ? "" : r.path()[0]);
                for (var method : r.method()) {
                    out.add(method.name() + " " + path);
                }
            }
        }
        return List.copyOf(out);
    }

    private static boolean sameMethod(String a, String b) {
        return a.substring(0, a.indexOf(' ')).equals(b.substring(0, b.indexOf(' ')));
    }

    private static String path(String op) {
        return op.substring(op.indexOf(' ') + 1);
    }

    /** A documented path with its {variables} filled in, as a request would have it. */
    private static String sample(String path) {
        return path.replaceAll("\\{[^}]+}", "x1");
    }
}
